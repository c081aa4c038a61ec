package dev.crosswalk.translator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Random ids: the prefix and 48 lower-case hex digits, never repeated, from any number of threads at once. */
class IdSourceTest {
    @Test
    void randomIdsAreWellFormedAndUniqueAcrossThreadsAndBlocks() throws InterruptedException {
        IdSource ids = IdSource.random();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> malformed = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        // 500 ids a thread: each thread draws its block of 42 ids many times over.
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    String id = ids.next("resp_");
                    if (!id.matches("resp_[0-9a-f]{48}")) {
                        synchronized (malformed) {
                            malformed.add(id);
                        }
                    }
                    seen.add(id);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(malformed).isEmpty();
        assertThat(seen).hasSize(8 * 500);
    }

    @Test
    void sequentialIdsCountPerPrefix() {
        IdSource ids = IdSource.sequential();
        assertThat(List.of(ids.next("msg_"), ids.next("fc_"), ids.next("msg_"))).containsExactly("msg_1", "fc_1", "msg_2");
    }
}
