package dev.crosswalk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MainTest {
    private static final String LOOPS = "reactor.netty.ioWorkerCount";
    private final String before = System.getProperty(LOOPS);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(LOOPS);
        } else {
            System.setProperty(LOOPS, before);
        }
    }

    @Test
    void oneEventLoopPerCoreUnlessTheUserSaidHowMany() {
        System.clearProperty(LOOPS);
        Main.ioLoopsPerCore();
        assertThat(System.getProperty(LOOPS)).isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));

        System.setProperty(LOOPS, "7");
        Main.ioLoopsPerCore();
        assertThat(System.getProperty(LOOPS)).isEqualTo("7");
    }
}
