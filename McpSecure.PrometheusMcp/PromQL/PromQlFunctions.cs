using static McpSecure.PrometheusMcp.PromQL.PromQlValueType;

namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>The functions of PromQL as Prometheus 2.42 knows them.</summary>
internal static class PromQlFunctions
{
    private static readonly Dictionary<string, PromQlFunction> ByName = Build();

    public static bool TryGet(string name, out PromQlFunction function) => ByName.TryGetValue(name, out function!);

    private static Dictionary<string, PromQlFunction> Build()
    {
        var all = new List<PromQlFunction>();
        void Add(string name, PromQlValueType result, int variadic, params PromQlValueType[] arguments) =>
            all.Add(new PromQlFunction(name, arguments, variadic, result));

        foreach (var name in new[]
                 {
                     "abs", "absent", "ceil", "exp", "floor", "ln", "log10", "log2", "sqrt", "sgn", "sort", "sort_desc", "timestamp",
                     "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh", "deg", "rad",
                     "histogram_count", "histogram_sum",
                 })
        {
            Add(name, Vector, 0, Vector);
        }
        foreach (var name in new[]
                 {
                     "absent_over_time", "avg_over_time", "changes", "count_over_time", "delta", "deriv", "idelta", "increase", "irate",
                     "last_over_time", "max_over_time", "min_over_time", "present_over_time", "rate", "resets", "stddev_over_time",
                     "stdvar_over_time", "sum_over_time",
                 })
        {
            Add(name, Vector, 0, Matrix);
        }
        foreach (var name in new[] { "day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year" })
        {
            Add(name, Vector, 1, Vector);
        }
        Add("clamp", Vector, 0, Vector, Scalar, Scalar);
        Add("clamp_max", Vector, 0, Vector, Scalar);
        Add("clamp_min", Vector, 0, Vector, Scalar);
        Add("histogram_quantile", Vector, 0, Scalar, Vector);
        Add("histogram_fraction", Vector, 0, Scalar, Scalar, Vector);
        Add("holt_winters", Vector, 0, Matrix, Scalar, Scalar);
        Add("label_join", Vector, -1, Vector, PromQlValueType.String, PromQlValueType.String, PromQlValueType.String);
        Add("label_replace", Vector, 0, Vector, PromQlValueType.String, PromQlValueType.String, PromQlValueType.String, PromQlValueType.String);
        Add("pi", Scalar, 0);
        Add("predict_linear", Vector, 0, Matrix, Scalar);
        Add("quantile_over_time", Vector, 0, Scalar, Matrix);
        Add("round", Vector, 1, Vector, Scalar);
        Add("scalar", Scalar, 0, Vector);
        Add("time", Scalar, 0);
        Add("vector", Vector, 0, Scalar);
        return all.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }
}
