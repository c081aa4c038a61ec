package dev.crosswalk.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InflightBudgetTest {
    @Test
    void refusesWhatDoesNotFitAndTakesItBackOnRelease() {
        InflightBudget budget = new InflightBudget(100);
        assertThat(budget.tryReserve(60)).isTrue();
        assertThat(budget.tryReserve(50)).isFalse();
        assertThat(budget.tryReserve(40)).isTrue();
        budget.release(60);
        assertThat(budget.used()).isEqualTo(40);
        budget.release(40);
        // A body larger than the whole budget is served alone rather than never.
        assertThat(budget.tryReserve(500)).isTrue();
        assertThat(budget.tryReserve(1)).isFalse();
        assertThat(InflightBudget.overloaded().status()).isEqualTo(503);
        assertThat(InflightBudget.overloaded().headers()).containsKey("Retry-After");
    }
}
