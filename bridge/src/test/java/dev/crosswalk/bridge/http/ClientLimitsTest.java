package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosswalk.bridge.route.RoutesConfig;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The limits' arithmetic on a clock the test moves: buckets, limits that change between calls, stream counts. */
class ClientLimitsTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final ClientLimits limits = new ClientLimits(now::get);

    private static RoutesConfig.Limits perMinute(int n) {
        return new RoutesConfig.Limits(n, 0);
    }

    private int admitted(String client, RoutesConfig.Limits l, int tries) {
        int ok = 0;
        for (int i = 0; i < tries; i++) {
            try {
                limits.admit(client, l);
                ok++;
            } catch (BridgeException refused) {
                assertThat(refused.status()).isEqualTo(429);
            }
        }
        return ok;
    }

    @Test
    void aBucketBurstsToItsLimitThenRefillsAtItsRate() {
        assertThat(admitted("a", perMinute(6), 10)).isEqualTo(6);
        // One request every 10 s: 11 s later there is one, and the next is about 9 s away.
        now.addAndGet(TimeUnit.SECONDS.toNanos(11));
        assertThat(admitted("a", perMinute(6), 10)).isEqualTo(1);
        assertThatThrownBy(() -> limits.admit("a", perMinute(6))).isInstanceOfSatisfying(BridgeException.class,
                e -> assertThat(e.headers().get("Retry-After")).isIn("9", "10"));
        assertThat(admitted("b", perMinute(6), 1)).isEqualTo(1);
        assertThat(admitted("c", RoutesConfig.Limits.NONE, 1000)).isEqualTo(1000);
    }

    @Test
    void aHigherLimitGivesTheDifferenceAtOnceAndALowerOneCapsTheLevel() {
        assertThat(admitted("a", perMinute(2), 5)).isEqualTo(2);
        assertThat(admitted("a", perMinute(5), 5)).isEqualTo(3);
        // Full again after a minute at 5, then the limit drops to 2: two left, not five.
        now.addAndGet(TimeUnit.MINUTES.toNanos(1));
        assertThat(admitted("a", perMinute(2), 5)).isEqualTo(2);
    }

    @Test
    void streamsCountPerClientUnderTheLimitOfTheCallAndAnEndCountsOnce() {
        RoutesConfig.Limits two = new RoutesConfig.Limits(0, 2);
        Runnable first = limits.openStream("a", two);
        Runnable second = limits.openStream("a", two);
        assertThatThrownBy(() -> limits.openStream("a", two)).isInstanceOf(BridgeException.class);
        limits.openStream("b", two).run();
        first.run();
        first.run();
        assertThat(limits.openStreams("a")).isEqualTo(1);
        // A lower limit (after a reload) holds back new streams while the old ones are still open.
        assertThatThrownBy(() -> limits.openStream("a", new RoutesConfig.Limits(0, 1))).isInstanceOf(BridgeException.class);
        second.run();
        assertThat(limits.openStreams("a")).isZero();
        limits.openStream("a", new RoutesConfig.Limits(0, 1));
        assertThat(limits.openStreams("a")).isEqualTo(1);
    }
}
