using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace GramDynamics.Data;

/// <summary>
/// The dictionary of a .npy header, a Python literal such as
/// <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (6, 4), }</c>.
/// </summary>
internal sealed class NpyHeader
{
    private readonly string _text;
    private readonly string _inputName;
    private int _position;

    private NpyHeader(string text, string inputName)
    {
        _text = text;
        _inputName = inputName;
    }

    /// <summary>The 'descr' value when it is a string; null for a structured (list) dtype.</summary>
    public string? Descr { get; private set; }

    /// <summary>Whether 'descr' is a list, i.e. a structured dtype.</summary>
    public bool IsStructured { get; private set; }

    public bool FortranOrder { get; private set; }

    public long[] Shape { get; private set; } = [];

    /// <summary>
    /// Parses the header dictionary; every fault becomes a <see cref="DataFormatException"/>.
    /// </summary>
    public static NpyHeader Parse(string text, string inputName)
    {
        var header = new NpyHeader(text, inputName);
        header.ParseDictionary();
        return header;
    }

    private void ParseDictionary()
    {
        bool hasDescr = false, hasOrder = false, hasShape = false;
        Expect('{');
        while (true)
        {
            SkipWhitespace();
            if (Peek() == '}')
            {
                _position++;
                break;
            }

            string key = ParseString();
            Expect(':');
            SkipWhitespace();
            switch (key)
            {
                case "descr":
                    hasDescr = true;
                    if (Peek() == '[')
                    {
                        IsStructured = true;
                        SkipBracketed();
                    }
                    else
                    {
                        Descr = ParseString();
                    }

                    break;
                case "fortran_order":
                    hasOrder = true;
                    FortranOrder = ParseBoolean();
                    break;
                case "shape":
                    hasShape = true;
                    Shape = ParseShape();
                    break;
                default:
                    Fail($"the header has an unknown key '{key}', "
                        + "expected 'descr', 'fortran_order' and 'shape'");
                    break;
            }

            SkipWhitespace();
            if (Peek() == ',')
            {
                _position++;
            }
            else if (Peek() != '}')
            {
                Fail($"the header dictionary has '{Peek()}' at offset {_position}, expected ',' or '}}'");
            }
        }

        if (!hasDescr || !hasOrder || !hasShape)
        {
            string missing = "shape";
            if (!hasDescr)
            {
                missing = "descr";
            }
            else if (!hasOrder)
            {
                missing = "fortran_order";
            }

            Fail($"the header lacks the key '{missing}'");
        }
    }

    private long[] ParseShape()
    {
        Expect('(');
        var dimensions = new List<long>();
        while (true)
        {
            SkipWhitespace();
            if (Peek() == ')')
            {
                _position++;
                return [.. dimensions];
            }

            int start = _position;
            while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
            {
                _position++;
            }

            // Python 2 era writers put an 'L' suffix on long integers.
            string digits = _text[start.._position];
            if (Peek() == 'L')
            {
                _position++;
            }

            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long dimension))
            {
                Fail($"the header shape has an invalid entry at offset {start}, "
                    + "expected a non-negative integer");
            }

            dimensions.Add(dimension);
            SkipWhitespace();
            if (Peek() == ',')
            {
                _position++;
            }
            else if (Peek() != ')')
            {
                Fail($"the header shape has '{Peek()}' at offset {_position}, expected ',' or ')'");
            }
        }
    }

    private bool ParseBoolean()
    {
        if (_text.AsSpan(_position).StartsWith("True", StringComparison.Ordinal))
        {
            _position += 4;
            return true;
        }

        if (_text.AsSpan(_position).StartsWith("False", StringComparison.Ordinal))
        {
            _position += 5;
            return false;
        }

        Fail($"the header's 'fortran_order' is not True or False (offset {_position})");
        return false;
    }

    private string ParseString()
    {
        SkipWhitespace();
        char quote = Peek();
        if (quote is not ('\'' or '"'))
        {
            Fail($"the header has '{quote}' at offset {_position}, expected a quoted string");
        }

        int end = _text.IndexOf(quote, _position + 1);
        if (end < 0)
        {
            Fail($"the header has an unterminated string at offset {_position}");
        }

        string value = _text[(_position + 1)..end];
        _position = end + 1;
        return value;
    }

    private void SkipBracketed()
    {
        int depth = 0;
        while (_position < _text.Length)
        {
            char c = _text[_position++];
            if (c is '[' or '(')
            {
                depth++;
            }
            else if (c is ']' or ')')
            {
                depth--;
                if (depth == 0)
                {
                    return;
                }
            }
            else if (c is '\'' or '"')
            {
                int end = _text.IndexOf(c, _position);
                _position = end < 0 ? _text.Length : end + 1;
            }
        }

        Fail("the header's 'descr' list is not closed");
    }

    private void Expect(char expected)
    {
        SkipWhitespace();
        if (Peek() != expected)
        {
            Fail($"the header has '{Peek()}' at offset {_position}, expected '{expected}'");
        }

        _position++;
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    [DoesNotReturn]
    private void Fail(string problem) => DataThrowHelper.ThrowFormat(
        _inputName, $"invalid .npy header: {problem}. The header is \"{_text.TrimEnd()}\"");
}
