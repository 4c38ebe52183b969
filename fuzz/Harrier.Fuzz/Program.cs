using System.Diagnostics;
using Harrier.Evtx.Fuzz;

// harrier-fuzz DIR [SECONDS] [SEED] [MAX-EXECUTIONS]: seeded mutation fuzzing over the chunks of the EVTX
// files in DIR, until SECONDS have passed or MAX-EXECUTIONS inputs were read; progress every 60 s on stderr.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Harrier.Fuzz DIR [SECONDS] [SEED] [MAX-EXECUTIONS]");
    return 2;
}
var seconds = args.Length > 1 ? int.Parse(args[1]) : 60;
var seed = args.Length > 2 ? int.Parse(args[2]) : 1;
var maxExecutions = args.Length > 3 ? long.Parse(args[3]) : long.MaxValue;
var files = Directory.EnumerateFiles(args[0], "*.evtx", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
var fuzzer = new MutationFuzzer(files, seed, maxChunks: 512);
var sw = Stopwatch.StartNew();
var nextReport = 60.0;
while (sw.Elapsed.TotalSeconds < seconds && fuzzer.Executions < maxExecutions)
{
    if (sw.Elapsed.TotalSeconds >= nextReport)
    {
        Console.Error.WriteLine($"{fuzzer.Executions} executions, {fuzzer.RecordsRead} records, {sw.Elapsed.TotalSeconds:F0} s");
        nextReport += 60;
    }
    try
    {
        fuzzer.RunOne();
    }
    catch (Exception e)
    {
        Console.Error.WriteLine($"finding after {fuzzer.Executions} executions (seed {seed}): {e}");
        return 1;
    }
}
Console.WriteLine($"{fuzzer.Executions} executions, {fuzzer.RecordsRead} records read, {sw.Elapsed.TotalSeconds:F0} s, seed {seed}: no finding");
return 0;
