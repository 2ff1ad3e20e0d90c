using System.Reflection;
using Mediator;

namespace CoGov.Web.Tests.Components.Pages.Questions;

/// <summary>
/// A mediator for component tests: it records what a component sends and answers every call with the default result,
/// so a form can be tested without the engine. A proxy rather than a class, since the interface has many overloads.
/// </summary>
public class RecordingMediator : DispatchProxy
{
    public List<object> Sent { get; } = [];

    /// <summary>What the engine would refuse a message with, for a form whose rule lives in the command; null lets it through.</summary>
    public Func<object, Exception?> Refuse { get; set; } = _ => null;

    public static (IMediator Mediator, RecordingMediator Recorder) Create()
    {
        var mediator = Create<IMediator, RecordingMediator>();
        return (mediator, (RecordingMediator)(object)mediator);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (args is { Length: > 0 } && args[0] is { } message)
        {
            if (Refuse(message) is { } refusal)
            {
                throw refusal;
            }
            Sent.Add(message);
        }
        var returns = targetMethod?.ReturnType;
        return returns is null || returns == typeof(void) ? null
            : returns == typeof(ValueTask) ? ValueTask.CompletedTask
            : returns == typeof(Task) ? Task.CompletedTask
            : returns.IsValueType ? Activator.CreateInstance(returns)
            : null;
    }
}
