using CoGov.Domain.Common;
using CoGov.Domain.Organisations;

namespace CoGov.Domain.Assessments;

/// <summary>Management's sign-off and the workers' side's countersignature, after which the cycle is read-only.</summary>
public sealed partial class Assessment
{
    /// <summary>Whether <paramref name="by"/> may sign the cycle off for management now (what a page asks before offering it).</summary>
    public bool CanSignOff(Actor by) =>
        !IsReadOnly && by.OrganisationId == OrganisationId && by.PersonId == AccountableManagerId
        && ManagementSignOff is null && _questions.All(q => q.State.IsSettled());

    /// <summary>Whether <paramref name="by"/> may countersign the cycle now.</summary>
    public bool CanCountersign(Actor by) =>
        !IsReadOnly && by.OrganisationId == OrganisationId && by.Side == Side.Workers && by.IsCommitteeMember
        && ManagementSignOff is not null;

    /// <summary>The named accountable manager signs the cycle off for management once every question is settled.</summary>
    public void SignOff(string statement, Actor by, DateTimeOffset at)
    {
        EnsureWritable();
        EnsureSameOrganisation(by);
        if (by.PersonId != AccountableManagerId)
        {
            throw new DomainRuleException("Only the cycle's named accountable manager can sign it off for management; {0} is not.", by.Name);
        }
        if (ManagementSignOff is not null)
        {
            throw new DomainRuleException("Cycle {0} was already signed off for management by {1}.", Cycle, ManagementSignOff.PersonName);
        }
        var unsettled = _questions.Where(q => !q.State.IsSettled()).Select(q => q.Number).ToList();
        if (unsettled.Count > 0)
        {
            throw unsettled.Count == 1
                ? new DomainRuleException("Cycle {0} cannot be signed off yet: question {1} is neither accepted, resolved by the committee nor withdrawn.", Cycle, unsettled[0])
                : new DomainRuleException("Cycle {0} cannot be signed off yet: questions {1} are neither accepted, resolved by the committee nor withdrawn.", Cycle, string.Join(", ", unsettled));
        }
        var text = RequireText(statement, new Phrase("The sign-off statement is empty."));
        Machine.Fire(CycleTrigger.ManagementSignedOff);
        var entry = Append(at, by, LogEntryKind.SignedOff, null, text);
        _signOffs.Add(new SignOff(Id, by, text, at.ToUniversalTime(), entry));
    }

    /// <summary>A workers'-side committee member countersigns after management has signed off; the cycle becomes read-only.</summary>
    public void Countersign(string statement, Actor by, DateTimeOffset at)
    {
        EnsureWritable();
        EnsureSameOrganisation(by);
        if (by.Side != Side.Workers || !by.IsCommitteeMember)
        {
            throw new DomainRuleException("Only a workers'-side member of the joint committee can countersign a cycle.");
        }
        if (ManagementSignOff is null)
        {
            throw new DomainRuleException("Cycle {0} has not been signed off for management yet; it can be countersigned after that.", Cycle);
        }
        var text = RequireText(statement, new Phrase("The countersignature statement is empty."));
        var entry = Append(at, by, LogEntryKind.Countersigned, null, text);
        _signOffs.Add(new SignOff(Id, by, text, at.ToUniversalTime(), entry));
        Machine.Fire(CycleTrigger.WorkersCountersigned);
    }
}
