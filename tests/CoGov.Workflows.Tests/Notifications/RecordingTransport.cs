using System.Collections.Concurrent;
using System.Net.Sockets;
using CoGov.Workflows.Notifications;
using MimeKit;

namespace CoGov.Workflows.Tests.Notifications;

/// <summary>A transport that keeps what it is given, and fails like an unreachable server while it is down.</summary>
internal sealed class RecordingTransport : IMailTransport
{
    private readonly ConcurrentQueue<(Guid OutboxId, MimeMessage Message)> _delivered = new();

    public bool Down { get; set; }

    /// <summary>Runs as a mail is handed over, before it counts as delivered: to hold a sender mid-send.</summary>
    public Func<Guid, Task>? OnSend { get; set; }

    public IReadOnlyList<(Guid OutboxId, MimeMessage Message)> Delivered => [.. _delivered];

    public async Task SendAsync(Guid outboxId, MimeMessage message, CancellationToken cancellationToken)
    {
        if (OnSend is { } onSend)
        {
            await onSend(outboxId);
        }
        if (Down)
        {
            throw new SocketException((int)SocketError.ConnectionRefused);
        }
        _delivered.Enqueue((outboxId, message));
    }
}
