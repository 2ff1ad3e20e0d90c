using System.Globalization;

namespace CoGov.RecordsBench;

/// <summary>
/// The memory of this process and every process it started (Chromium's browser, renderer and helper processes), as
/// proportional set size: shared pages are split among the processes sharing them, so the sum is what the tree costs.
/// </summary>
internal static class ProcessTree
{
    public static long PssBytes()
    {
        var self = Environment.ProcessId;
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && TryParent(pid, out var parent))
            {
                parents[pid] = parent;
            }
        }
        var tree = new HashSet<int> { self };
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, parent) in parents)
            {
                if (tree.Contains(parent) && tree.Add(pid))
                {
                    grew = true;
                }
            }
        }
        while (grew);
        return tree.Sum(Pss);
    }

    private static bool TryParent(int pid, out int parent)
    {
        parent = 0;
        try
        {
            // The command name is in parentheses and may hold spaces: the fields after the last ')' are fixed.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out parent);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long Pss(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
            {
                if (line.StartsWith("Pss:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process ended while being read.
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 0;
    }
}

/// <summary>Samples the tree's memory in the background and keeps the highest figure seen.</summary>
internal sealed class PeakMemory : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    public PeakMemory()
    {
        _sampling = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var now = ProcessTree.PssBytes();
                if (now > Interlocked.Read(ref _peak))
                {
                    Interlocked.Exchange(ref _peak, now);
                }
                try
                {
                    await Task.Delay(100, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    public long Peak => Interlocked.Read(ref _peak);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
