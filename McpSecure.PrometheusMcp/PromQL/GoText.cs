namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>Numbers and strings printed the way Go prints them (<c>fmt.Sprint(float64)</c>, <c>strconv.Quote</c>), as Prometheus's printer does.</summary>
internal static class GoText
{
    /// <summary><c>fmt.Sprint(value)</c>: shortest round-trip digits, exponent form below 1e-4 and from 1e6 up (Go's %v).</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsPositiveInfinity(value))
        {
            return "+Inf";
        }
        if (double.IsNegativeInfinity(value))
        {
            return "-Inf";
        }
        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }
        // "R" gives the shortest digits that round-trip; rebuild them in Go's layout.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var (digits, exponent) = Decompose(shortest);
        var sign = value < 0 ? "-" : "";
        var decimalExponent = exponent; // value = 0.d1d2... * 10^exponent ; the "%e" exponent is exponent - 1
        var e = decimalExponent - 1;
        if (e < -4 || e >= 6)
        {
            var mantissa = digits.Length == 1 ? digits : $"{digits[0]}.{digits[1..]}";
            var exponentText = Math.Abs(e).ToString(CultureInfo.InvariantCulture).PadLeft(2, '0');
            return $"{sign}{mantissa}e{(e < 0 ? "-" : "+")}{exponentText}";
        }
        if (decimalExponent <= 0)
        {
            return $"{sign}0.{new string('0', -decimalExponent)}{digits}";
        }
        if (decimalExponent >= digits.Length)
        {
            return $"{sign}{digits}{new string('0', decimalExponent - digits.Length)}";
        }
        return $"{sign}{digits[..decimalExponent]}.{digits[decimalExponent..]}";
    }

    /// <summary>Splits .NET's "R" text of a positive number into significant digits and the exponent of 0.digits × 10^exponent.</summary>
    private static (string Digits, int Exponent) Decompose(string text)
    {
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var point = text.IndexOf('.');
        var integerPart = point < 0 ? text : text[..point];
        var fraction = point < 0 ? "" : text[(point + 1)..];
        var all = integerPart + fraction;
        var decimalExponent = integerPart.Length + exponent;
        var leading = 0;
        while (leading < all.Length - 1 && all[leading] == '0')
        {
            leading++;
        }
        all = all[leading..];
        decimalExponent -= leading;
        all = all.TrimEnd('0');
        return (all.Length == 0 ? "0" : all, decimalExponent);
    }

    /// <summary><c>strconv.Quote(value)</c>: double quotes, Go escapes, printable Unicode kept.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            int rune = c;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                rune = char.ConvertToUtf32(c, value[i + 1]);
                i++;
            }
            switch (rune)
            {
                case '"': text.Append("\\\""); continue;
                case '\\': text.Append("\\\\"); continue;
                case '\a': text.Append("\\a"); continue;
                case '\b': text.Append("\\b"); continue;
                case '\f': text.Append("\\f"); continue;
                case '\n': text.Append("\\n"); continue;
                case '\r': text.Append("\\r"); continue;
                case '\t': text.Append("\\t"); continue;
                case '\v': text.Append("\\v"); continue;
            }
            if (IsPrint(rune))
            {
                text.Append(char.ConvertFromUtf32(rune));
            }
            else if (rune < 0x80 || (rune < 0x100 && char.IsSurrogate((char)rune)))
            {
                text.Append("\\x").Append(rune.ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (rune < 0x10000)
            {
                text.Append("\\u").Append(rune.ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append("\\U").Append(rune.ToString("x8", CultureInfo.InvariantCulture));
            }
        }
        return text.Append('"').ToString();
    }

    /// <summary>Go's <c>unicode.IsPrint</c>: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    private static bool IsPrint(int rune)
    {
        if (rune == ' ')
        {
            return true;
        }
        if (rune is >= 0xD800 and <= 0xDFFF)
        {
            return false;
        }
        var category = CharUnicodeInfo.GetUnicodeCategory(rune);
        return category switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };
    }
}
