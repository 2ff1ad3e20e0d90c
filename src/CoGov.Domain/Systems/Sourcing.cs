namespace CoGov.Domain.Systems;

/// <summary>Whether the employer built the system or bought the right to use someone else's (question 2 and 3 hinge on it).</summary>
public enum Sourcing
{
    InHouse = 1,
    Procured = 2,
}
