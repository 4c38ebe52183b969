using Harrier.Evtx.Events;
using Harrier.Evtx.Rendering;

namespace Harrier.Evtx.Fuzz;

/// <summary>
/// A seeded mutation fuzzer over real chunks: each execution takes one corpus chunk, flips, sets,
/// copies or truncates a few bytes (biased towards the BinXml area), and reads the result as a file
/// (file header + chunk) through the public API: every record parsed, rendered as JSON and XML and
/// flattened. Only <see cref="EvtxFormatException"/>/<see cref="EvtxNotSupportedException"/> may
/// arise, and the reader catches those per record; anything escaping is a finding.
/// </summary>
public sealed class MutationFuzzer
{
    const int Chunk = 65536;
    readonly List<byte[]> _chunks = [];
    readonly byte[] _header;
    readonly Random _random;
    readonly Utf8Buffer _buffer = new();
    readonly EventFields _fields = new();

    public MutationFuzzer(IEnumerable<string> evtxFiles, int seed, int maxChunks = 64)
    {
        _random = new Random(seed);
        _header = new byte[4096];
        foreach (var path in evtxFiles)
        {
            var data = File.ReadAllBytes(path);
            if (data.Length < 4096 + Chunk) continue;
            if (_chunks.Count == 0) data.AsSpan(0, 4096).CopyTo(_header);
            for (var off = 4096; off + Chunk <= data.Length && _chunks.Count < maxChunks; off += Chunk)
                if (data.AsSpan(off, 8).SequenceEqual("ElfChnk\0"u8)) _chunks.Add(data.AsSpan(off, Chunk).ToArray());
            if (_chunks.Count >= maxChunks) break;
        }
        if (_chunks.Count == 0) throw new InvalidOperationException("no chunks to fuzz");
    }

    public long Executions { get; private set; }
    public long RecordsRead { get; private set; }

    /// <summary>The input of the execution in progress (or the last one), to save when a watchdog fires.</summary>
    public byte[] CurrentInput { get; private set; } = [];

    /// <summary>Length of <see cref="CurrentInput"/> that is read as the file.</summary>
    public int CurrentLength { get; private set; }

    /// <summary>
    /// Reads one input as the fuzzer does (every record rendered as JSON and XML and flattened); returns the
    /// records read. Also replays a saved finding (<c>Harrier.Fuzz --replay FILE</c>).
    /// </summary>
    public static long Read(byte[] input, int length, bool carve, Utf8Buffer buffer, EventFields fields)
    {
        long records = 0;
        using var file = EvtxFile.Open(new MemoryStream(input, 0, length), "fuzz", new EvtxReadOptions { Carve = carve });
        while (file.MoveNext())
        {
            buffer.Clear();
            file.Current.TryWriteJson(buffer);
            buffer.Clear();
            file.Current.TryWriteXml(buffer);
            file.Current.TryFill(fields);
            records++;
        }
        return records;
    }

    /// <summary>One mutated input; throws whatever escaped the reader.</summary>
    public void RunOne()
    {
        var input = new byte[4096 + Chunk];
        _header.CopyTo(input, 0);
        var chunk = input.AsSpan(4096);
        _chunks[_random.Next(_chunks.Count)].CopyTo(chunk);
        var length = input.Length;
        var mutations = 1 + _random.Next(8);
        for (var m = 0; m < mutations; m++)
        {
            var at = _random.Next(10) < 8 ? 512 + _random.Next(Chunk - 512) : _random.Next(Chunk);
            switch (_random.Next(6))
            {
                case 0: chunk[at] ^= (byte)(1 << _random.Next(8)); break;
                case 1: chunk[at] = (byte)_random.Next(256); break;
                case 2: chunk[at] = (byte)(_random.Next(2) == 0 ? 0 : 0xFF); break;
                case 3:
                {
                    var len = _random.Next(1, 64);
                    var from = _random.Next(Chunk - len);
                    if (at + len <= Chunk) chunk.Slice(from, len).CopyTo(chunk[at..]);
                    break;
                }
                case 4:
                    if (at + 4 <= Chunk) BitConverter.TryWriteBytes(chunk[at..], _random.Next(0, Chunk));
                    break;
                default:
                    length = 4096 + _random.Next(Chunk);
                    break;
            }
        }
        CurrentInput = input;
        CurrentLength = length;
        RecordsRead += Read(input, length, _random.Next(2) == 0, _buffer, _fields);
        Executions++;
    }
}
