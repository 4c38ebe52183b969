using System.Diagnostics;
using Harrier.Evtx.Events;
using Harrier.Evtx.Fuzz;

// harrier-fuzz --replay FILE: reads a saved finding the way the fuzzer does.
// harrier-fuzz DIR [SECONDS] [SEED] [MAX-EXECUTIONS] [MAX-MIB]: seeded mutation fuzzing over the chunks of the
// EVTX files in DIR, until SECONDS have passed or MAX-EXECUTIONS inputs were read; progress every 60 s on stderr.
// A watchdog checks the process every second: when its working set passes MAX-MIB (default 2048) or one input
// runs for over 10 s, the input in progress is written to fuzz-finding-SEED.evtx and the run fails.
if (args is ["--replay", var saved])
{
    // A saved finding: read it with and without carving, as the fuzzer does; any escaping exception is printed.
    var bytes = File.ReadAllBytes(saved);
    foreach (var carve in new[] { false, true })
    {
        var n = MutationFuzzer.Read(bytes, bytes.Length, carve, new Harrier.Evtx.Rendering.Utf8Buffer(), new EventFields());
        Console.WriteLine($"{saved}: {n} records read (carve: {carve}), nothing escaped");
    }
    return 0;
}
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Harrier.Fuzz DIR [SECONDS] [SEED] [MAX-EXECUTIONS] [MAX-MIB]");
    return 2;
}
var seconds = args.Length > 1 ? int.Parse(args[1]) : 60;
var seed = args.Length > 2 ? int.Parse(args[2]) : 1;
var maxExecutions = args.Length > 3 ? long.Parse(args[3]) : long.MaxValue;
var maxBytes = (args.Length > 4 ? long.Parse(args[4]) : 2048) << 20;
var files = Directory.EnumerateFiles(args[0], "*.evtx", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
var fuzzer = new MutationFuzzer(files, seed, maxChunks: 512);
var sw = Stopwatch.StartNew();

var watchdog = new Thread(() =>
{
    var process = Process.GetCurrentProcess();
    long lastExecution = -1;
    var sameSince = Stopwatch.GetTimestamp();
    while (true)
    {
        Thread.Sleep(1000);
        process.Refresh();
        var executions = fuzzer.Executions;
        if (executions != lastExecution)
        {
            lastExecution = executions;
            sameSince = Stopwatch.GetTimestamp();
        }
        var stuck = Stopwatch.GetElapsedTime(sameSince).TotalSeconds > 10;
        if (process.WorkingSet64 <= maxBytes && !stuck) continue;
        var path = $"fuzz-finding-{seed}.evtx";
        File.WriteAllBytes(path, fuzzer.CurrentInput.AsSpan(0, fuzzer.CurrentLength).ToArray());
        Console.Error.WriteLine($"finding after {executions} executions (seed {seed}): " +
            (stuck ? "one input ran for over 10 s" : $"working set {process.WorkingSet64 >> 20} MiB") +
            $", {FieldNames.Count} field names interned; input saved to {path}");
        Environment.Exit(1);
    }
}) { IsBackground = true };
watchdog.Start();

var nextReport = 60.0;
while (sw.Elapsed.TotalSeconds < seconds && fuzzer.Executions < maxExecutions)
{
    if (sw.Elapsed.TotalSeconds >= nextReport)
    {
        Console.Error.WriteLine($"{fuzzer.Executions} executions, {fuzzer.RecordsRead} records, {sw.Elapsed.TotalSeconds:F0} s, " +
            $"{Environment.WorkingSet >> 20} MiB working set, {FieldNames.Count} field names");
        nextReport += 60;
    }
    try
    {
        fuzzer.RunOne();
    }
    catch (Exception e)
    {
        File.WriteAllBytes($"fuzz-finding-{seed}.evtx", fuzzer.CurrentInput.AsSpan(0, fuzzer.CurrentLength).ToArray());
        Console.Error.WriteLine($"finding after {fuzzer.Executions} executions (seed {seed}): {e}");
        return 1;
    }
}
Console.WriteLine($"{fuzzer.Executions} executions, {fuzzer.RecordsRead} records read, {sw.Elapsed.TotalSeconds:F0} s, seed {seed}: no finding");
return 0;
