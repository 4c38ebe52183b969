using System.Text;
using Xunit;

namespace Harrier.Testing;

/// <summary>A strict RFC 4180 reader: fails the test on anything the RFC does not allow.</summary>
public static class StrictCsv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    Assert.True(i < text.Length, "unterminated quoted field");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    cell.Append(text[i++]);
                }
            }
            else
            {
                while (i < text.Length && text[i] != ',' && text[i] != '\r')
                {
                    Assert.True(text[i] is not '"' and not '\n', $"bare quote or LF at {i}");
                    cell.Append(text[i++]);
                }
            }
            row.Add(cell.ToString());
            cell.Clear();
            if (i < text.Length && text[i] == ',') { i++; continue; }
            Assert.Equal("\r\n", text.Substring(i, 2));
            i += 2;
            rows.Add([.. row]);
            row = [];
        }
        return rows;
    }
}
