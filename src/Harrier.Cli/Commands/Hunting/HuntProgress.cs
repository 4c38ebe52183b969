using Harrier.Hunting.Scanning;
using Spectre.Console;

namespace Harrier.Cli.Commands.Hunting;

/// <summary>Runs the scan, with a progress bar (files, MB, events/s) on an interactive terminal only.</summary>
static class HuntProgress
{
    public static HuntResult Run(HuntOptions options, bool interactive)
    {
        if (!interactive) return HuntScanner.Run(options);
        HuntResult? result = null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var started = System.Diagnostics.Stopwatch.StartNew();
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("loading rules", maxValue: 1);
                var gate = new Lock();
                var progress = new Progress(p =>
                {
                    lock (gate)
                    {
                        task.MaxValue = Math.Max(1, p.BytesTotal);
                        task.Value = p.BytesDone;
                        var rate = p.Records / Math.Max(0.001, started.Elapsed.TotalSeconds);
                        task.Description = $"{p.Stage} {p.FilesDone}/{p.FilesTotal} files, {p.BytesDone / 1048576.0:F0}/{p.BytesTotal / 1048576.0:F0} MB, {rate:N0} events/s";
                    }
                });
                result = HuntScanner.Run(options, progress);
                task.Value = task.MaxValue;
            });
        return result!;
    }

    /// <summary>Synchronous <see cref="IProgress{T}"/> (System.Progress posts to the thread pool, out of order).</summary>
    sealed class Progress(Action<ScanProgress> report) : IProgress<ScanProgress>
    {
        long _last;

        public void Report(ScanProgress value)
        {
            var now = Environment.TickCount64;
            if (now - Interlocked.Read(ref _last) < 100 && value.FilesDone < value.FilesTotal) return;
            Interlocked.Exchange(ref _last, now);
            report(value);
        }
    }
}
