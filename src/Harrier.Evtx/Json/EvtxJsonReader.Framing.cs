namespace Harrier.Evtx.Json;

// Framing: finds where the next top-level JSON value starts and ends, counting lines, without
// parsing it. A value whose '{' is followed by a line break is pretty-printed and may span lines;
// otherwise it is a JSON Lines record and must end on its own line, so one truncated line costs
// only that line.
public sealed partial class EvtxJsonReader
{
    bool TryNextObject(out int start, out int length, out long line)
    {
        while (true)
        {
            if (!SkipWhitespace())
            {
                start = length = 0;
                line = _line;
                return false;
            }
            line = _line;
            var scan = Scan(_start, out var newlines, out var outcome);
            switch (outcome)
            {
                case ScanOutcome.Complete:
                    start = _start;
                    length = scan - _start;
                    _start = scan;
                    _line += newlines;
                    return true;
                case ScanOutcome.NeedMore:
                    if (_eof)
                    {
                        Fail(line, "truncated event at end of file");
                        _line += newlines;
                        _start = _end;
                        continue;
                    }
                    if (!Refill())
                    {
                        Fail(line, $"event larger than {MaxEventBytes} bytes; rest of file skipped");
                        _start = _end;
                        _eof = true;
                    }
                    continue;
                case ScanOutcome.LineEnded:
                    Fail(line, "event ends before its closing brace (truncated line)");
                    _start = scan;
                    _line += newlines;
                    continue;
                default: // NotAnObject: skip the rest of the line
                    Fail(line, "expected a JSON object");
                    _start = scan;
                    _line += newlines;
                    continue;
            }
        }
    }

    enum ScanOutcome { Complete, NeedMore, LineEnded, NotAnObject }

    /// <summary>Returns the index just past the value (or past the line ending for errors).</summary>
    int Scan(int from, out int newlines, out ScanOutcome outcome)
    {
        var b = _buffer;
        newlines = 0;
        if (b[from] != (byte)'{')
        {
            var nl = Array.IndexOf(b, (byte)'\n', from, _end - from);
            if (nl < 0)
            {
                outcome = _eof ? ScanOutcome.NotAnObject : ScanOutcome.NeedMore;
                return _end;
            }
            newlines = 1;
            outcome = ScanOutcome.NotAnObject;
            return nl + 1;
        }
        bool? multiLine = null;
        var depth = 0;
        var inString = false;
        var escape = false;
        for (var i = from; i < _end; i++)
        {
            var c = b[i];
            if (c == (byte)'\n')
            {
                newlines++;
                multiLine ??= true;
                if (multiLine == false)
                {
                    outcome = ScanOutcome.LineEnded;
                    return i + 1;
                }
                escape = false;
                continue;
            }
            if (multiLine == null && i > from && c is not ((byte)' ' or (byte)'\t' or (byte)'\r')) multiLine = false;
            if (inString)
            {
                if (escape) escape = false;
                else if (c == (byte)'\\') escape = true;
                else if (c == (byte)'"') inString = false;
                continue;
            }
            switch (c)
            {
                case (byte)'"': inString = true; break;
                case (byte)'{' or (byte)'[': depth++; break;
                case (byte)'}' or (byte)']':
                    if (--depth == 0)
                    {
                        outcome = ScanOutcome.Complete;
                        return i + 1;
                    }
                    break;
            }
        }
        outcome = ScanOutcome.NeedMore;
        return _end;
    }

    /// <summary>Moves past whitespace (refilling as needed); false at end of input.</summary>
    bool SkipWhitespace()
    {
        while (true)
        {
            while (_start < _end)
            {
                var c = _buffer[_start];
                if (c == (byte)'\n') _line++;
                else if (c is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)',' or 0xEF or 0xBB or 0xBF)) return true; // BOM bytes too
                _start++;
            }
            if (_eof) return false;
            Refill();
        }
    }

    /// <summary>Compacts the buffer, grows it when full, reads more. False when the limit is hit.</summary>
    bool Refill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxEventBytes) return false;
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxEventBytes));
        }
        var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0) _eof = true;
        _end += n;
        return true;
    }
}
