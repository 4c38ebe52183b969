using System.Globalization;

namespace Harrier.Cli.Commands.Evtx;

/// <summary>
/// Reads a plain <c>harrier dump</c> command line without building Spectre's command model, which costs a
/// dump of one file more than the file itself (≈ 40 ms of reflection and JIT; docs/benchmarks.md, EVTX).
/// Only the exact grammar of <see cref="DumpSettings"/> is accepted: anything else (help, an unknown or
/// repeated option, a missing value, a value that fails validation) returns null and goes through Spectre,
/// which gives the usual help and errors. A test checks that every accepted command line parses to the
/// same settings as Spectre's, and that every option of <see cref="DumpSettings"/> is known here.
/// </summary>
internal static class DumpFastPath
{
    /// <summary>Every option spelling this parser accepts (the test compares it with DumpSettings' attributes).</summary>
    internal static readonly string[] Options = ["-f", "--format", "-t", "--threads", "--carve", "-o", "--output", "-q", "--quiet"];

    public static DumpSettings? TryParse(string[] args)
    {
        if (args.Length < 2 || args[0] != "dump") return null;
        string format = "jsonl";
        int threads = 1;
        bool carve = false, quiet = false;
        string? output = null;
        var seen = new HashSet<string>();
        var paths = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            if (!a.StartsWith('-'))
            {
                paths.Add(a);
                continue;
            }
            if (a.Contains('=')) return null;
            var canonical = a switch
            {
                "-f" or "--format" => "format",
                "-t" or "--threads" => "threads",
                "--carve" => "carve",
                "-o" or "--output" => "output",
                "-q" or "--quiet" => "quiet",
                _ => null,
            };
            if (canonical is null || !seen.Add(canonical)) return null;
            if (canonical is "carve" or "quiet")
            {
                if (canonical == "carve") carve = true;
                else quiet = true;
                continue;
            }
            if (i + 1 >= args.Length || args[i + 1].StartsWith('-')) return null;
            var value = args[++i];
            switch (canonical)
            {
                case "format": format = value; break;
                case "output": output = value; break;
                default:
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out threads)) return null;
                    break;
            }
        }
        var settings = new DumpSettings { Paths = [.. paths], Format = format, Threads = threads, Carve = carve, Output = output, Quiet = quiet };
        return settings.Validate().Successful ? settings : null;
    }
}
