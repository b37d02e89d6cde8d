package dev.agentcommander.server.uilink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.ui.EventsAppended;
import dev.agentcommander.server.db.Database;
import dev.agentcommander.server.event.Events;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.TestAgent;
import dev.agentcommander.server.testing.TestPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An events subscription reads new events on its own executor, never on the thread that publishes the change (the
 * agents' apply thread), and one read covers every change published before it runs. The chaos run's abuse found 1,000
 * subscriptions reading on the apply thread slowed every agent's acks. The executor here runs its tasks when told.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventSubscriptionTest {
    static TestPlane cp;
    static Database database;

    /** An executor that queues its tasks until {@link #runAll()}. Used by the test thread. */
    static final class HeldExecutor implements Executor {
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            List<Runnable> due = List.copyOf(tasks);
            tasks.clear();
            due.forEach(Runnable::run);
        }
    }

    @BeforeAll
    static void start() {
        cp = TestPlane.start(Engine.H2);
        database = cp.openDatabase();
    }

    @AfterAll
    static void stop() {
        database.close();
        cp.close();
    }

    @Test
    void newEvents_areReadOnTheSubscriptionsExecutor_notThePublishingThread_onceForChangesPublishedBefore() {
        TestAgent agent = cp.agent(cp.newHost(), "s");
        String session = announced(agent);
        HeldExecutor reads = new HeldExecutor();
        List<Envelope> sent = new CopyOnWriteArrayList<>();
        EventSubscription subscription = new EventSubscription("e", session, new Events(database.jdbi(), cp.codec()),
                reads, sent::add);
        subscription.prime();
        sent.clear();
        appendTwoEvents(agent, session);

        subscription.accept(List.of(session));
        subscription.accept(List.of(session));

        assertThat(sent).as("nothing read on the publishing thread").isEmpty();
        assertThat(reads.tasks).as("one read for both changes").hasSize(1);
        reads.runAll();
        assertThat(sent).hasSize(1);
        assertThat(((EventsAppended) sent.get(0).payload()).events()).hasSize(2);
    }

    @Test
    void aReadStillDueWhenTheSubscriptionEnds_sendsNothing() {
        TestAgent agent = cp.agent(cp.newHost(), "s");
        String session = announced(agent);
        HeldExecutor reads = new HeldExecutor();
        List<Envelope> sent = new CopyOnWriteArrayList<>();
        EventSubscription subscription = new EventSubscription("e", session, new Events(database.jdbi(), cp.codec()),
                reads, sent::add);
        subscription.prime();
        sent.clear();
        appendTwoEvents(agent, session);

        subscription.accept(List.of(session));
        subscription.end();
        reads.runAll();

        assertThat(sent).as("its id may belong to a new subscription by now").isEmpty();
    }

    private static String announced(TestAgent agent) {
        String session = "reads-" + System.nanoTime();
        agent.sendDurable(1, new SessionsUpsert(List.of(new SessionRow(session, null, "api", Provider.SHELL,
                SessionStatus.RUNNING, false, null, "/work/api", null, null, null, null, null, null))));
        agent.awaitAck(1);
        return session;
    }

    private static void appendTwoEvents(TestAgent agent, String session) {
        for (long seq = 2; seq <= 3; seq++) {
            agent.sendDurable(seq, new EventsAppend(session, "test.read", cp.codec().mapper().createObjectNode()));
        }
        agent.awaitAck(3);
    }
}
