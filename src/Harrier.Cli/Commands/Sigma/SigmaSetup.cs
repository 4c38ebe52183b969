using Harrier.Sigma;
using Harrier.Sigma.Loading;
using Harrier.Sigma.LogSources;

namespace Harrier.Cli.Commands.Sigma;

/// <summary>Settings → loaded and compiled rules, shared by the rules commands.</summary>
internal static class SigmaSetup
{
    /// <summary>Null (after printing why) when the map or placeholder file is unusable.</summary>
    public static (LogSourceMap Map, SigmaCompileOptions Options)? Prepare(RulesCommonSettings s)
    {
        try
        {
            var map = LogSourceMap.Default;
            if (s.LogSourceMap is { } path)
                map = s.ExtendMap ? map.Extend(LogSourceMap.Load(path)) : LogSourceMap.Load(path);
            var options = SigmaCompileOptions.Default;
            if (s.Placeholders is { } p) options = options with { Placeholders = PlaceholderFile.Load(p) };
            return (map, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SigmaRuleException)
        {
            var line = e is SigmaRuleException r ? $" (line {r.Line})" : "";
            Console.Error.WriteLine($"harrier: {e.Message}{line}");
            return null;
        }
    }
}
