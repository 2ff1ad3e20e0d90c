using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CoGov.Domain.Assessments;

namespace CoGov.Domain.Tests.Assessments;

/// <summary>The append-only log and its hash chain: every change is one entry, and tampering shows.</summary>
public sealed class AssessmentLogTests
{
    private readonly World _world = new();

    /// <summary>
    /// A cycle with ten entries: 1 Opened, 2-3 Sent (q1, q2), 4-5 Answered, 6 ClarificationRequested (q1),
    /// 7 Answered (q1), 8 Accepted (q1), 9 Challenged (q2), 10 Resolved (q2).
    /// </summary>
    private Assessment TenEntryCycle()
    {
        var assessment = _world.Open(_world.Steward);
        _world.Send(assessment, 1, 2);
        _world.Answer(assessment, 1, 2);
        _world.Clarify(assessment, 1);
        _world.Answer(assessment, 1);
        _world.Accept(assessment, 1);
        _world.Challenge(assessment, 2);
        _world.Resolve(assessment, 2);
        Assert.Equal(10, assessment.LogLength);
        return assessment;
    }

    private static void SetPrivate(LogEntry entry, string property, object? value) =>
        typeof(LogEntry).GetProperty(property)!.SetValue(entry, value);

    private static List<LogEntry> PrivateLog(Assessment assessment) =>
        (List<LogEntry>)typeof(Assessment).GetField("_log", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(assessment)!;

    // ---- What is written ----

    [Fact]
    public void EachActionAppendsExactlyOneEntry()
    {
        var assessment = _world.Open(_world.Steward);
        var steward = _world.As(_world.Steward);
        var manager = _world.As(_world.Manager);
        var actions = new (Action Act, LogEntryKind Kind)[]
        {
            (() => assessment.Send(1, _world.Manager, _world.Now.AddDays(7), steward, _world.Tick(), _world.Rules), LogEntryKind.Sent),
            (() => assessment.Answer(1, "First answer.", manager, _world.Tick()), LogEntryKind.Answered),
            (() => assessment.RequestClarification(1, "Say more.", steward, _world.Tick(), _world.Rules), LogEntryKind.ClarificationRequested),
            (() => assessment.Answer(1, "Second answer.", manager, _world.Tick()), LogEntryKind.Answered),
            (() => assessment.Challenge(1, "Still wrong.", steward, _world.Tick(), _world.Organisation), LogEntryKind.Challenged),
            (() => assessment.RecordResolution(1, "Agreed fix.", steward, _world.Tick()), LogEntryKind.Resolved),
            (() => assessment.Send(2, _world.Manager, _world.Now.AddDays(7), steward, _world.Tick(), _world.Rules), LogEntryKind.Sent),
            (() => assessment.Answer(2, "Answer.", manager, _world.Tick()), LogEntryKind.Answered),
            (() => assessment.Accept(2, steward, _world.Tick()), LogEntryKind.Accepted),
            (() => _world.Withdraw(assessment, 3, 4, 5, 6, 7, 8), LogEntryKind.Withdrawn),
        };

        foreach (var (act, kind) in actions)
        {
            var before = assessment.Log.Count;
            var withdrawals = kind == LogEntryKind.Withdrawn ? 6 : 1;

            act();

            Assert.Equal(before + withdrawals, assessment.Log.Count);
            Assert.Equal(kind, assessment.Log[^1].Kind);
        }

        _world.SignOff(assessment);
        _world.Countersign(assessment);
        Assert.Equal(
            [LogEntryKind.Opened, LogEntryKind.Sent, LogEntryKind.Answered, LogEntryKind.ClarificationRequested, LogEntryKind.Answered,
             LogEntryKind.Challenged, LogEntryKind.Resolved, LogEntryKind.Sent, LogEntryKind.Answered, LogEntryKind.Accepted,
             LogEntryKind.Withdrawn, LogEntryKind.Withdrawn, LogEntryKind.Withdrawn, LogEntryKind.Withdrawn, LogEntryKind.Withdrawn,
             LogEntryKind.Withdrawn, LogEntryKind.SignedOff, LogEntryKind.Countersigned],
            assessment.Log.Select(e => e.Kind));
    }

    [Fact]
    public void EntriesAreNumberedFromOneWithoutGaps()
    {
        var assessment = TenEntryCycle();

        Assert.Equal(Enumerable.Range(1, 10), assessment.Log.Select(e => e.Sequence));
        Assert.All(assessment.Log, e => Assert.Equal(assessment.Id, e.AssessmentId));
    }

    [Fact]
    public void AnEntryRecordsWhoDidWhatToWhichQuestionAndWhen()
    {
        var assessment = _world.OpenByStewardAndSend(3);
        var at = _world.Tick();

        assessment.Answer(3, "Ward managers can override the rota.", _world.As(_world.Manager), at);

        var entry = assessment.Log[^1];
        Assert.Equal(3, entry.Sequence);
        Assert.Equal(at, entry.At);
        Assert.Equal(_world.Manager.Id, entry.ActorPersonId);
        Assert.Equal("Priya Nair", entry.ActorName);
        Assert.Equal(LogEntryKind.Answered, entry.Kind);
        Assert.Equal(3, entry.QuestionNumber);
        Assert.Equal("Ward managers can override the rota.", entry.Text);
    }

    [Fact]
    public void EntryTimesAreKeptInUtc()
    {
        var assessment = _world.Open(_world.Steward);
        var inNewYork = _world.Tick().ToOffset(TimeSpan.FromHours(-5));

        assessment.Send(1, _world.Manager, inNewYork.AddDays(1), _world.As(_world.Steward), inNewYork, _world.Rules);

        Assert.Equal(TimeSpan.Zero, assessment.Log[^1].At.Offset);
        Assert.Equal(inNewYork, assessment.Log[^1].At);
    }

    [Fact]
    public void EachEntryChainsToThePreviousOne()
    {
        var assessment = TenEntryCycle();

        Assert.Equal(LogEntry.GenesisHash, assessment.Log[0].PreviousHash);
        for (var i = 1; i < assessment.Log.Count; i++)
        {
            Assert.Equal(assessment.Log[i - 1].Hash, assessment.Log[i].PreviousHash);
        }
        Assert.Equal(assessment.Log.Count, assessment.Log.Select(e => e.Hash).Distinct().Count());
    }

    [Fact]
    public void TheCycleTracksTheHeadOfItsLog()
    {
        var assessment = _world.Open(_world.Steward);
        Assert.Equal(assessment.Log[^1].Hash, assessment.LogHeadHash);

        _world.Send(assessment, 1);
        Assert.Equal(2, assessment.LogLength);
        Assert.Equal(assessment.Log[^1].Hash, assessment.LogHeadHash);

        _world.Answer(assessment, 1);
        Assert.Equal(3, assessment.LogLength);
        Assert.Equal(assessment.Log[^1].Hash, assessment.LogHeadHash);
    }

    [Fact]
    public void AnEntrysHashIsTheSha256OfItsCanonicalContent()
    {
        var assessment = _world.OpenByStewardAndSend(1);
        var entry = assessment.Log[^1];

        var content = JsonSerializer.Deserialize<string[]>(entry.CanonicalContent())!;

        Assert.Equal(
            [
                // Version 2 (decision record 19): the version first, the acting login last; an actor with no login is CoGov acting for them.
                "2", assessment.Id.ToString("D"), "2", "2025-03-03T10:00:00.0000000Z", _world.Steward.Id.ToString("D"), "Amara Okafor",
                "Sent", "1", "Sent to Priya Nair, answer due 2025-03-17 10:00 UTC.", assessment.Log[0].Hash, LogEntry.CoGovLogin,
            ],
            content);
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(entry.CanonicalContent())));
        Assert.Equal(expected, entry.Hash);
        Assert.Equal(entry.Hash, entry.ComputeHash());
        Assert.Matches("^[0-9a-f]{64}$", entry.Hash);
    }

    [Fact]
    public void TheLoginActingAsAPersonIsRecordedAndHashedSoChangingItBreaksTheEntry()
    {
        var assessment = _world.OpenByStewardAndSend(1);

        assessment.Answer(1, "An answer.", _world.As(_world.Manager) with { Login = "login-of-priya" }, _world.Tick());

        var entry = assessment.Log[^1];
        Assert.Equal(("login-of-priya", LogEntry.HashWithLogin), (entry.ActingLogin, entry.HashVersion));
        Assert.Equal("login-of-priya", JsonSerializer.Deserialize<string[]>(entry.CanonicalContent())![^1]);
        Assert.True(assessment.VerifyLog().IsIntact);
        typeof(LogEntry).GetProperty(nameof(LogEntry.ActingLogin))!.SetValue(entry, "login-of-someone-else");
        Assert.NotEqual(entry.Hash, entry.ComputeHash());
        Assert.Equal(entry.Sequence, assessment.VerifyLog().FirstBrokenSequence);
    }

    [Fact]
    public void LogEntryHasNoPublicSetters()
    {
        var properties = typeof(LogEntry).GetProperties(BindingFlags.Public | BindingFlags.Instance);

        Assert.NotEmpty(properties);
        Assert.All(properties, p => Assert.Null(p.GetSetMethod(nonPublic: false)));
        Assert.Empty(typeof(LogEntry).GetConstructors(BindingFlags.Public | BindingFlags.Instance));
        Assert.DoesNotContain(typeof(LogEntry).GetFields(BindingFlags.Public | BindingFlags.Instance), f => !f.IsInitOnly);
    }

    [Fact]
    public void TheLogIsExposedReadOnly()
    {
        var property = typeof(Assessment).GetProperty(nameof(Assessment.Log))!;

        Assert.Equal(typeof(IReadOnlyList<LogEntry>), property.PropertyType);
        Assert.Null(property.GetSetMethod(nonPublic: false));
        Assert.Null(typeof(Assessment).GetProperty(nameof(Assessment.LogLength))!.GetSetMethod(nonPublic: false));
        Assert.Null(typeof(Assessment).GetProperty(nameof(Assessment.LogHeadHash))!.GetSetMethod(nonPublic: false));
    }

    // ---- Verification ----

    [Fact]
    public void AnUntouchedHistoryVerifies()
    {
        var assessment = TenEntryCycle();

        var verification = assessment.VerifyLog();

        Assert.Equal(new LogVerification(true, 10, assessment.LogHeadHash, null, null), verification);
        Assert.Equal(verification, AssessmentLog.Verify(assessment.Log));
    }

    [Fact]
    public void AnEmptyLogVerifiesAndEndsAtGenesis()
    {
        Assert.Equal(new LogVerification(true, 0, LogEntry.GenesisHash, null, null), AssessmentLog.Verify([]));
    }

    [Fact]
    public void AnEditedEntryIsNamed()
    {
        var assessment = TenEntryCycle();
        SetPrivate(assessment.Log[4], nameof(LogEntry.Text), "We will publish the rota rules.");

        var verification = assessment.VerifyLog();

        Assert.False(verification.IsIntact);
        Assert.Equal(5, verification.FirstBrokenSequence);
        Assert.StartsWith("entry 5 (Answered, ", verification.Problem);
        Assert.EndsWith("was changed after it was written.", verification.Problem);
    }

    [Theory]
    [InlineData(nameof(LogEntry.ActorName), "Helen Marsh")]
    [InlineData(nameof(LogEntry.QuestionNumber), 2)]
    [InlineData(nameof(LogEntry.Kind), LogEntryKind.Accepted)]
    public void EditingAnyRecordedFieldBreaksTheEntry(string property, object value)
    {
        var assessment = TenEntryCycle();
        SetPrivate(assessment.Log[5], property, value);

        var verification = assessment.VerifyLog();

        Assert.False(verification.IsIntact);
        Assert.Equal(6, verification.FirstBrokenSequence);
    }

    [Fact]
    public void AnEditedEntryWhoseHashWasRecomputedIsNamedByTheNextEntry()
    {
        var assessment = TenEntryCycle();
        var edited = assessment.Log[4];
        SetPrivate(edited, nameof(LogEntry.Text), "We will publish the rota rules.");
        SetPrivate(edited, nameof(LogEntry.Hash), edited.ComputeHash());

        var verification = assessment.VerifyLog();

        Assert.False(verification.IsIntact);
        Assert.Equal(5, verification.FirstBrokenSequence);
        Assert.Equal("entry 5 was changed, replaced or moved: entry 6 recorded a different entry before it.", verification.Problem);
    }

    [Fact]
    public void AnEntryRemovedFromTheMiddleIsReportedMissing()
    {
        var assessment = TenEntryCycle();
        var withoutFourth = assessment.Log.Where(e => e.Sequence != 4).ToList();

        var verification = AssessmentLog.Verify(withoutFourth);

        Assert.False(verification.IsIntact);
        Assert.Equal(4, verification.FirstBrokenSequence);
        Assert.Equal("entry 4 is missing: the log jumps to entry 5.", verification.Problem);
        Assert.Equal(9, verification.EntryCount);
    }

    [Fact]
    public void TheFirstEntryRemovedIsReportedMissing()
    {
        var assessment = TenEntryCycle();

        var verification = AssessmentLog.Verify(assessment.Log.Skip(1));

        Assert.False(verification.IsIntact);
        Assert.Equal(1, verification.FirstBrokenSequence);
        Assert.Equal("entry 1 is missing: the log jumps to entry 2.", verification.Problem);
    }

    [Fact]
    public void AnEntryRemovedAndTheRestRenumberedIsStillCaught()
    {
        var assessment = TenEntryCycle();
        var forged = assessment.Log.Where(e => e.Sequence != 4).ToList();
        foreach (var entry in forged.Where(e => e.Sequence > 4))
        {
            SetPrivate(entry, nameof(LogEntry.Sequence), entry.Sequence - 1);
            SetPrivate(entry, nameof(LogEntry.Hash), entry.ComputeHash());
        }

        var verification = AssessmentLog.Verify(forged);

        // A chain alone cannot tell "entry 3 was rewritten" from "entry 4 is not the original": either is named.
        Assert.False(verification.IsIntact);
        Assert.InRange(verification.FirstBrokenSequence!.Value, 3, 4);
        Assert.Contains("entry 4 recorded a different entry before it", verification.Problem);
    }

    [Fact]
    public void ADuplicatedEntryIsReported()
    {
        var assessment = TenEntryCycle();
        var withDuplicate = assessment.Log.Append(assessment.Log[6]).ToList();

        var verification = AssessmentLog.Verify(withDuplicate);

        Assert.False(verification.IsIntact);
        Assert.Equal(7, verification.FirstBrokenSequence);
        Assert.Equal("entry 7 appears more than once.", verification.Problem);
    }

    [Fact]
    public void TwoEntriesSwappedInTheSequenceAreReportedAtTheFirstOfThem()
    {
        var assessment = TenEntryCycle();
        var sixth = assessment.Log[5];
        var seventh = assessment.Log[6];
        SetPrivate(sixth, nameof(LogEntry.Sequence), 7);
        SetPrivate(seventh, nameof(LogEntry.Sequence), 6);

        var verification = assessment.VerifyLog();

        Assert.False(verification.IsIntact);
        Assert.Equal(6, verification.FirstBrokenSequence);
        Assert.StartsWith("entry 6 (Answered, ", verification.Problem);
    }

    [Fact]
    public void TheOrderEntriesAreHandedOverInDoesNotMatterOnlyTheirSequence()
    {
        var assessment = TenEntryCycle();
        var shuffled = assessment.Log.Reverse().ToList();

        var verification = AssessmentLog.Verify(shuffled);

        Assert.True(verification.IsIntact);
        Assert.Equal(assessment.LogHeadHash, verification.HeadHash);
    }

    [Fact]
    public void ALastEntryRemovedIsCaughtByTheCycle()
    {
        var assessment = TenEntryCycle();
        var log = PrivateLog(assessment);
        log.RemoveAt(log.Count - 1);
        Assert.True(AssessmentLog.Verify(assessment.Log).IsIntact);

        var verification = assessment.VerifyLog();

        Assert.False(verification.IsIntact);
        Assert.Equal(10, verification.FirstBrokenSequence);
        Assert.Equal(9, verification.EntryCount);
        Assert.Contains("the cycle recorded 10", verification.Problem);
        Assert.Contains("entries after 9 were removed or added", verification.Problem);
    }

    [Fact]
    public void AnEntryAddedBehindTheCyclesBackIsCaughtByTheCycle()
    {
        var assessment = TenEntryCycle();
        var other = TenEntryCycle();
        var extra = other.Log[^1];
        SetPrivate(extra, nameof(LogEntry.AssessmentId), assessment.Id);
        SetPrivate(extra, nameof(LogEntry.Sequence), 11);
        SetPrivate(extra, nameof(LogEntry.PreviousHash), assessment.LogHeadHash);
        SetPrivate(extra, nameof(LogEntry.Hash), extra.ComputeHash());
        PrivateLog(assessment).Add(extra);
        Assert.True(AssessmentLog.Verify(assessment.Log).IsIntact);

        var verification = assessment.VerifyLog();

        Assert.False(verification.IsIntact);
        Assert.Equal(11, verification.FirstBrokenSequence);
    }

    [Fact]
    public void AnEditedLastEntryWhoseHashWasRecomputedIsNamedByTheCycle()
    {
        var assessment = TenEntryCycle();
        var last = assessment.Log[^1];
        SetPrivate(last, nameof(LogEntry.Text), "The committee dropped the challenge.");
        SetPrivate(last, nameof(LogEntry.Hash), last.ComputeHash());
        Assert.True(AssessmentLog.Verify(assessment.Log).IsIntact);

        var verification = assessment.VerifyLog();

        Assert.False(verification.IsIntact);
        // The tenth entry is the one that was rewritten; there is no eleventh entry to blame.
        Assert.Equal(10, verification.FirstBrokenSequence);
    }

    [Fact]
    public void AnEntryMovedFromAnotherCycleBreaksTheChain()
    {
        var assessment = TenEntryCycle();
        var other = TenEntryCycle();
        var log = PrivateLog(assessment);
        log[4] = other.Log[4];

        var verification = assessment.VerifyLog();

        Assert.False(verification.IsIntact);
        Assert.InRange(verification.FirstBrokenSequence!.Value, 4, 5);
    }
}
