namespace Harrier.Sigma.Model;

/// <summary>The metadata every Sigma document carries (detection, correlation and filter rules alike).</summary>
/// <remarks>
/// The notes a scan seldom reads — description, author, date, references, false positives, fields — may come from the
/// parsed-rule cache undecoded and be decoded when first read (2,400 SigmaHQ rules carry ≈ 1 M characters of them);
/// every property reads the same either way, and equality compares what the properties read.
/// </remarks>
public sealed record SigmaRuleInfo
{
    Notes? _notes;
    Func<Notes>? _decodeNotes;

    public required string Title { get; init; }
    public string? Id { get; init; }
    /// <summary>The unique <c>name</c> correlations may reference instead of the id.</summary>
    public string? Name { get; init; }
    public string? Status { get; init; }
    public string? Level { get; init; }
    public string? Description { get => Read.Description; init => Write(Read with { Description = value }); }
    public string? Author { get => Read.Author; init => Write(Read with { Author = value }); }
    public string? Date { get => Read.Date; init => Write(Read with { Date = value }); }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> References { get => Read.References; init => Write(Read with { References = value }); }
    public IReadOnlyList<string> FalsePositives { get => Read.FalsePositives; init => Write(Read with { FalsePositives = value }); }
    /// <summary>The rule's <c>fields</c> list (fields worth showing with a hit).</summary>
    public IReadOnlyList<string> Fields { get => Read.Fields; init => Write(Read with { Fields = value }); }
    /// <summary>File the document was loaded from.</summary>
    public required string Path { get; init; }
    /// <summary>1-based line where the document starts.</summary>
    public int Line { get; init; }

    /// <summary>"path:line" for messages.</summary>
    public string Location => $"{Path}:{Line}";

    /// <summary>Id, else name, else title: how diagnostics and outputs name the rule.</summary>
    public string DisplayId => Id ?? Name ?? Title;

    /// <summary>The notes, decoded by <paramref name="value"/> when first read (the parsed-rule cache).</summary>
    internal Func<Notes> DecodeNotes
    {
        init
        {
            _notes = null;
            _decodeNotes = value;
        }
    }

    /// <summary>Whether the notes have been decoded (tests).</summary>
    internal bool NotesDecoded => _decodeNotes is null || Volatile.Read(ref _notes) is not null;

    Notes Read => Volatile.Read(ref _notes) ?? Decode();

    // racing readers decode alike; one result is kept
    Notes Decode() => _decodeNotes is { } decode ? Interlocked.CompareExchange(ref _notes, decode(), null) ?? _notes! : Notes.None;

    void Write(Notes notes)
    {
        _notes = notes;
        _decodeNotes = null;
    }

    public bool Equals(SigmaRuleInfo? other) =>
        other is not null && (ReferenceEquals(this, other)
            || (Title == other.Title && Id == other.Id && Name == other.Name && Status == other.Status && Level == other.Level
                && Equals(Tags, other.Tags) && Path == other.Path && Line == other.Line && Read == other.Read));

    public override int GetHashCode() => HashCode.Combine(Title, Id, Name, Status, Level, Tags, Path, HashCode.Combine(Line, Read));

    /// <summary>The seldom-read notes (value equality over the same members the record compared before: lists by reference).</summary>
    internal sealed record Notes(string? Description, string? Author, string? Date, IReadOnlyList<string> References,
        IReadOnlyList<string> FalsePositives, IReadOnlyList<string> Fields)
    {
        public static readonly Notes None = new(null, null, null, [], [], []);
    }
}
