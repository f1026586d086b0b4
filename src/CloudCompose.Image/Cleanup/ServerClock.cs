using System;
using System.Globalization;
using Amazon.Runtime;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>
    /// EC2's idea of now, from the Date header of its answers. EnableImageDeprecation refuses a time in the past, so a
    /// deprecation "from the next minute" must be the next minute by EC2's clock, not by a host clock that lags behind.
    /// </summary>
    internal sealed class ServerClock
    {
        private long offsetTicks;
        private bool known;

        private ServerClock()
        {
        }

        public static ServerClock Watch(object client)
        {
            var clock = new ServerClock();
            if (client is AmazonServiceClient service)
            {
                service.AfterResponseEvent += clock.OnResponse;
            }

            return clock;
        }

        /// <summary>The server's time now (to the second), or null before any answer carried a Date.</summary>
        public DateTime? UtcNow => known ? DateTime.UtcNow.AddTicks(System.Threading.Interlocked.Read(ref offsetTicks)) : (DateTime?)null;

        private void OnResponse(object sender, ResponseEventArgs e)
        {
            if (e is WebServiceResponseEventArgs web && web.ResponseHeaders != null && web.ResponseHeaders.TryGetValue("Date", out var date)
                && DateTime.TryParseExact(date, "R", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var server))
            {
                System.Threading.Interlocked.Exchange(ref offsetTicks, (server - DateTime.UtcNow).Ticks);
                known = true;
            }
        }
    }
}
