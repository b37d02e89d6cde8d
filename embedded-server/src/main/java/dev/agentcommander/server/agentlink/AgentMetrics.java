package dev.agentcommander.server.agentlink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent socket's meters: frames in and out, durable frames applied, batch transaction time, and ack lag
 * (arrival of the oldest frame of a batch to the moment its commit is durable, right before the ack). Thread-safe.
 */
final class AgentMetrics {
    private final Counter received;
    private final Counter sent;
    private final Counter applied;
    private final Timer transaction;
    private final Timer ackLag;

    AgentMetrics(MeterRegistry registry) {
        this.received = Counter.builder("agentcommander.agent.messages.in").description("frames received from agents")
                .register(registry);
        this.sent = Counter.builder("agentcommander.agent.messages.out").description("frames sent to agents")
                .register(registry);
        this.applied = Counter.builder("agentcommander.agent.durable.applied")
                .description("durable frames applied (new or repeated)").register(registry);
        this.transaction = Timer.builder("agentcommander.db.apply").description("one durable batch's transaction")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.ackLag = Timer.builder("agentcommander.agent.ack.lag")
                .description("from a durable frame's arrival to its batch's commit being durable (then acked)")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void received() {
        received.increment();
    }

    void sent() {
        sent.increment();
    }

    void applied(List<Inbound> batch, long transactionNanos) {
        long now = System.nanoTime();
        long oldest = now;
        for (Inbound inbound : batch) {
            oldest = Math.min(oldest, inbound.receivedNanos());
        }
        applied.increment(batch.size());
        transaction.record(transactionNanos, TimeUnit.NANOSECONDS);
        ackLag.record(now - oldest, TimeUnit.NANOSECONDS);
    }
}
