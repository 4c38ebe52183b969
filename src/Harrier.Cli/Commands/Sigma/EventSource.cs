using Harrier.Evtx;
using Harrier.Evtx.Events;
using Harrier.Evtx.Json;

namespace Harrier.Cli.Commands.Sigma;

/// <summary>Events from an .evtx file (Harrier's reader) or evtx_dump JSON / JSON Lines.</summary>
internal sealed class EventSource : IDisposable
{
    readonly EvtxFile? _evtx;
    readonly EvtxJsonReader? _json;

    EventSource(EvtxFile? evtx, EvtxJsonReader? json)
    {
        _evtx = evtx;
        _json = json;
    }

    /// <summary>Null (after printing why) when the file cannot be opened.</summary>
    public static EventSource? Open(string path)
    {
        try
        {
            return path.EndsWith(".evtx", StringComparison.OrdinalIgnoreCase)
                ? new EventSource(EvtxFile.Open(path), null)
                : new EventSource(null, EvtxJsonReader.Open(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EvtxFormatException)
        {
            Console.Error.WriteLine($"harrier: {path}: {e.Message}");
            return null;
        }
    }

    public bool Read(EventFields into) => _evtx?.TryReadNext(into) ?? _json!.Read(into);

    /// <summary>What could not be read (file, position, reason).</summary>
    public IEnumerable<string> Problems =>
        _evtx is not null ? _evtx.Diagnostics.Select(d => d.ToString()) : _json!.Errors.Select(e => e.ToString());

    public void Dispose()
    {
        _evtx?.Dispose();
        _json?.Dispose();
    }
}
