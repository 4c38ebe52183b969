using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using Spectre.Console.Cli;

namespace Harrier.Cli;

/// <summary>
/// Reads a plain command line of one command straight into its settings, without building Spectre's command model
/// for every command (≈ 0.1 s of reflection and JIT at each start, more than a small scan costs). The grammar comes
/// from the settings type's own Spectre attributes, so there is one description of each option. Only the plain forms
/// are accepted: <c>--name value</c>, flags, repeated array options, positional paths. Anything else (help, an
/// unknown, repeated or glued option such as <c>--x=1</c> or <c>-qt</c>, <c>--</c>, a missing or dash-led value, a
/// flag followed by true/false, an option type not handled here, settings that fail validation) returns null and
/// goes through Spectre, which gives the usual help and errors. Tests check that every accepted command line
/// parses to the same settings as Spectre's.
/// </summary>
internal static class SettingsFastPath
{
    sealed record Option(PropertyInfo Property, bool IsFlag);

    public static TSettings? TryParse<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TSettings>(string[] args, string command) where TSettings : CommandSettings, new()
    {
        if (args.Length < 2 || args[0] != command) return null;
        var options = new Dictionary<string, Option>(StringComparer.Ordinal);
        PropertyInfo? positional = null;
        foreach (var p in typeof(TSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetCustomAttribute<CommandArgumentAttribute>() is { } argument)
            {
                if (positional is not null || argument.Position != 0 || p.PropertyType != typeof(string[])) return null;
                positional = p;
                continue;
            }
            if (p.GetCustomAttribute<CommandOptionAttribute>() is not { } o) continue;
            if (!Supported(p.PropertyType)) return null;
            var option = new Option(p, p.PropertyType == typeof(bool));
            foreach (var n in o.LongNames) options["--" + n] = option;
            foreach (var n in o.ShortNames) options["-" + n] = option;
        }

        var settings = new TSettings();
        var values = new Dictionary<PropertyInfo, List<string>>();
        var paths = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            if (!a.StartsWith('-'))
            {
                paths.Add(a);
                continue;
            }
            if (!options.TryGetValue(a, out var option)) return null;
            if (!values.TryGetValue(option.Property, out var list)) values[option.Property] = list = [];
            else if (option.Property.PropertyType != typeof(string[])) return null; // given twice
            if (option.IsFlag)
            {
                if (i + 1 < args.Length && bool.TryParse(args[i + 1], out _)) return null; // Spectre may read it as the flag's value
                list.Add("true");
                continue;
            }
            if (i + 1 >= args.Length || args[i + 1].StartsWith('-')) return null;
            list.Add(args[++i]);
        }
        if (positional is null ? paths.Count > 0 : paths.Count == 0) return null;
        positional?.SetValue(settings, paths.ToArray());
        foreach (var (property, list) in values)
        {
            object? value = property.PropertyType switch
            {
                var t when t == typeof(bool) => true,
                var t when t == typeof(string) => list[0],
                var t when t == typeof(string[]) => list.ToArray(),
                _ => int.TryParse(list[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
            };
            if (value is null) return null;
            property.SetValue(settings, value);
        }
        return settings.Validate().Successful ? settings : null;
    }

    static bool Supported(Type t) => t == typeof(bool) || t == typeof(string) || t == typeof(string[]) || t == typeof(int) || t == typeof(int?);
}
