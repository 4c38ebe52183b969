using System.Diagnostics;
using Harrier.Evtx.Fuzz;

// harrier-fuzz DIR [SECONDS] [SEED]: seeded mutation fuzzing over the chunks of the EVTX files in DIR.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Harrier.Fuzz DIR [SECONDS] [SEED]");
    return 2;
}
var seconds = args.Length > 1 ? int.Parse(args[1]) : 60;
var seed = args.Length > 2 ? int.Parse(args[2]) : 1;
var files = Directory.EnumerateFiles(args[0], "*.evtx", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
var fuzzer = new MutationFuzzer(files, seed, maxChunks: 512);
var sw = Stopwatch.StartNew();
while (sw.Elapsed.TotalSeconds < seconds)
{
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
