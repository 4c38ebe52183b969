using Harrier.Exposure.Findings;
using Harrier.Hunting.Alerts;

namespace Harrier.Cli.Commands.Hunting;

/// <summary>The findings files given to <c>hunt --exposure</c>, loaded, and the linker made from them.</summary>
sealed record ExposureInput(IReadOnlyList<(string Path, ExposureFindings Document)> Files, ExposureLinker Linker)
{
    /// <summary>Loads every file; on a missing or malformed one, prints why (file, line, byte) and returns false.</summary>
    public static bool TryLoad(IReadOnlyList<string> paths, out ExposureInput? input)
    {
        input = null;
        if (paths.Count == 0) return true;
        var files = new List<(string, ExposureFindings)>();
        foreach (var path in paths)
        {
            try
            {
                files.Add((path, ExposureFindings.Load(path)));
            }
            catch (ExposureFormatException e)
            {
                Console.Error.WriteLine($"harrier: --exposure: {e.Message}");
                return false;
            }
        }
        input = new ExposureInput(files, new ExposureLinker(files.SelectMany(f => f.Item2.Findings)));
        return true;
    }
}
