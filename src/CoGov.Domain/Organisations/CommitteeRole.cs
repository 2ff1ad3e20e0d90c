namespace CoGov.Domain.Organisations;

public enum CommitteeRole
{
    Member = 1,
    Chair = 2,
}
