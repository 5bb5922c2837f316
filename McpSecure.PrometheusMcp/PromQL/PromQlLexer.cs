namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>
/// Splits a PromQL query into tokens, as the Prometheus lexer does: <c>#</c> comments and white space are skipped,
/// strings are unquoted (Go escapes in <c>"</c> and <c>'</c>, none in <c>`</c>), a number directly followed by a unit
/// (<c>5m</c>, <c>1h30m</c>) is a duration.
/// </summary>
internal sealed class PromQlLexer(string input)
{
    private int _position;
    private int _bracketDepth;

    public List<PromQlToken> Tokenize()
    {
        var tokens = new List<PromQlToken>();
        while (true)
        {
            var token = Next();
            tokens.Add(token);
            if (token.Kind == PromQlTokenKind.End)
            {
                return tokens;
            }
        }
    }

    private PromQlSyntaxException Error(int position, string problem) => PromQlSyntaxException.At(input, position, problem);

    private PromQlToken Next()
    {
        SkipSpaceAndComments();
        var start = _position;
        if (_position >= input.Length)
        {
            return new(PromQlTokenKind.End, "", start);
        }
        var c = input[_position];
        switch (c)
        {
            case '(':
                _position++;
                return new(PromQlTokenKind.LeftParen, "(", start);
            case ')':
                _position++;
                return new(PromQlTokenKind.RightParen, ")", start);
            case '{':
                _position++;
                return new(PromQlTokenKind.LeftBrace, "{", start);
            case '}':
                _position++;
                return new(PromQlTokenKind.RightBrace, "}", start);
            case '[':
                _position++;
                _bracketDepth++;
                return new(PromQlTokenKind.LeftBracket, "[", start);
            case ']':
                _position++;
                _bracketDepth = Math.Max(0, _bracketDepth - 1);
                return new(PromQlTokenKind.RightBracket, "]", start);
            case ',':
                _position++;
                return new(PromQlTokenKind.Comma, ",", start);
            case '@':
                _position++;
                return new(PromQlTokenKind.At, "@", start);
            case ':' when _bracketDepth > 0:
                _position++;
                return new(PromQlTokenKind.Colon, ":", start);
            case '"' or '\'':
                return new(PromQlTokenKind.String, LexQuoted(c), start);
            case '`':
                return new(PromQlTokenKind.String, LexRaw(), start);
        }
        if (char.IsAsciiDigit(c) || (c == '.' && _position + 1 < input.Length && char.IsAsciiDigit(input[_position + 1])))
        {
            return LexNumberOrDuration();
        }
        if (char.IsAsciiLetter(c) || c == '_' || (c == ':' && _bracketDepth == 0))
        {
            while (_position < input.Length && (char.IsAsciiLetterOrDigit(input[_position]) || input[_position] is '_' or ':'))
            {
                _position++;
            }
            var word = input[start.._position];
            if (word.Equals("inf", StringComparison.OrdinalIgnoreCase) || word.Equals("nan", StringComparison.OrdinalIgnoreCase))
            {
                return new(PromQlTokenKind.Number, word, start);
            }
            return new(word.Contains(':') ? PromQlTokenKind.MetricIdentifier : PromQlTokenKind.Identifier, word, start);
        }
        var two = _position + 1 < input.Length ? input.Substring(_position, 2) : null;
        if (two is "==" or "!=" or "<=" or ">=" or "=~" or "!~")
        {
            _position += 2;
            return new(PromQlTokenKind.Operator, two, start);
        }
        if (c is '+' or '-' or '*' or '/' or '%' or '^' or '<' or '>' or '=')
        {
            _position++;
            return new(PromQlTokenKind.Operator, c.ToString(), start);
        }
        throw Error(start, c == '!' ? "unexpected character after '!': expected '=' or '~'" : $"unexpected character: '{c}'");
    }

    private void SkipSpaceAndComments()
    {
        while (_position < input.Length)
        {
            var c = input[_position];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                _position++;
            }
            else if (c == '#')
            {
                while (_position < input.Length && input[_position] != '\n')
                {
                    _position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private PromQlToken LexNumberOrDuration()
    {
        var start = _position;
        if (input[_position] == '0' && _position + 1 < input.Length && input[_position + 1] is 'x' or 'X')
        {
            _position += 2;
            while (_position < input.Length && char.IsAsciiHexDigit(input[_position]))
            {
                _position++;
            }
            return FinishNumber(start);
        }
        while (_position < input.Length && char.IsAsciiDigit(input[_position]))
        {
            _position++;
        }
        var integer = true;
        if (_position < input.Length && input[_position] == '.')
        {
            integer = false;
            _position++;
            while (_position < input.Length && char.IsAsciiDigit(input[_position]))
            {
                _position++;
            }
        }
        if (integer && _position < input.Length && input[_position] is 's' or 'm' or 'h' or 'd' or 'w' or 'y')
        {
            while (_position < input.Length && (char.IsAsciiDigit(input[_position]) || input[_position] is 's' or 'm' or 'h' or 'd' or 'w' or 'y'))
            {
                _position++;
            }
            var text = input[start.._position];
            if (_position < input.Length && (char.IsAsciiLetterOrDigit(input[_position]) || input[_position] == '_') || !PromQlDuration.TryParse(text, out _))
            {
                throw Error(start, $"bad duration syntax: \"{input[start..Math.Min(input.Length, _position + 1)]}\" (use e.g. 30s, 5m, 1h30m, 2d)");
            }
            return new(PromQlTokenKind.Duration, text, start);
        }
        if (_position < input.Length && input[_position] is 'e' or 'E')
        {
            var save = _position;
            _position++;
            if (_position < input.Length && input[_position] is '+' or '-')
            {
                _position++;
            }
            if (_position < input.Length && char.IsAsciiDigit(input[_position]))
            {
                while (_position < input.Length && char.IsAsciiDigit(input[_position]))
                {
                    _position++;
                }
            }
            else
            {
                _position = save;
            }
        }
        return FinishNumber(start);
    }

    private PromQlToken FinishNumber(int start)
    {
        if (_position < input.Length && (char.IsAsciiLetterOrDigit(input[_position]) || input[_position] == '_'))
        {
            throw Error(start, $"bad number or duration syntax: \"{input[start..(_position + 1)]}\"");
        }
        return new(PromQlTokenKind.Number, input[start.._position], start);
    }

    private string LexRaw()
    {
        var start = _position;
        var end = input.IndexOf('`', _position + 1);
        if (end < 0)
        {
            throw Error(start, "unterminated raw string");
        }
        _position = end + 1;
        return input[(start + 1)..end];
    }

    private string LexQuoted(char quote)
    {
        var start = _position;
        _position++;
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= input.Length || input[_position] == '\n')
            {
                throw Error(start, "unterminated quoted string");
            }
            var c = input[_position++];
            if (c == quote)
            {
                return value.ToString();
            }
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }
            if (_position >= input.Length)
            {
                throw Error(start, "escape sequence not terminated");
            }
            var escapeStart = _position - 1;
            var e = input[_position++];
            switch (e)
            {
                case 'a': value.Append('\a'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'v': value.Append('\v'); break;
                case '\\': value.Append('\\'); break;
                case var q when q == quote: value.Append(q); break;
                case >= '0' and <= '7':
                    _position--;
                    value.Append((char)ReadCode(escapeStart, 3, 8, 255));
                    break;
                case 'x':
                    value.Append((char)ReadCode(escapeStart, 2, 16, 255));
                    break;
                case 'u':
                    value.Append(char.ConvertFromUtf32(CheckRune(escapeStart, ReadCode(escapeStart, 4, 16, 0x10FFFF))));
                    break;
                case 'U':
                    value.Append(char.ConvertFromUtf32(CheckRune(escapeStart, ReadCode(escapeStart, 8, 16, 0x10FFFF))));
                    break;
                default:
                    throw Error(escapeStart, $"unknown escape sequence '\\{e}'");
            }
        }
    }

    private int CheckRune(int position, int code) =>
        code is >= 0xD800 and <= 0xDFFF ? throw Error(position, "escape sequence is an invalid Unicode code point") : code;

    private int ReadCode(int escapeStart, int digits, int numberBase, int max)
    {
        var code = 0;
        for (var i = 0; i < digits; i++)
        {
            var digit = _position < input.Length ? HexValue(input[_position]) : -1;
            if (digit < 0 || digit >= numberBase)
            {
                throw Error(escapeStart, "illegal character in escape sequence");
            }
            code = code * numberBase + digit;
            _position++;
        }
        if (code > max)
        {
            throw Error(escapeStart, "escape sequence is an invalid Unicode code point");
        }
        return code;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
