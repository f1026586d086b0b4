using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudCompose.Image.Emulator.Admin;

internal static class AdminJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = false };
        o.Converters.Add(new SecondsConverter());
        o.Converters.Add(new NullableSecondsConverter());
        return o;
    }

    /// <summary>Durations travel as numbers of seconds (PowerShell-friendly); "hh:mm:ss" strings are accepted too.</summary>
    private sealed class SecondsConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.Number => TimeSpan.FromSeconds(reader.GetDouble()),
            JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) => TimeSpan.FromSeconds(s),
            JsonTokenType.String => TimeSpan.Parse(reader.GetString()!, CultureInfo.InvariantCulture),
            _ => throw new JsonException("Expected seconds."),
        };

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) => writer.WriteNumberValue(value.TotalSeconds);
    }

    private sealed class NullableSecondsConverter : JsonConverter<TimeSpan?>
    {
        private static readonly SecondsConverter Inner = new();

        public override TimeSpan? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? null : Inner.Read(ref reader, typeof(TimeSpan), options);

        public override void Write(Utf8JsonWriter writer, TimeSpan? value, JsonSerializerOptions options)
        {
            if (value is null) writer.WriteNullValue();
            else writer.WriteNumberValue(value.Value.TotalSeconds);
        }
    }
}
