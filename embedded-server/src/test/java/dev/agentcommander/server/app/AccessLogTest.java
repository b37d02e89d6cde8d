package dev.agentcommander.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.TestAgent;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestUi;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccessLogTest {
    /** Jetty's own DEBUG wire traces print headers; the shipped logback.xml keeps Jetty at WARN. */
    @Test
    void logs_neverContainTokens() throws InterruptedException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = context.getLogger("dev.agentcommander");
        Logger jetty = context.getLogger("org.eclipse.jetty");
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        // the shipped logback.xml: INFO, Jetty at WARN; our own code at every level
        root.setLevel(Level.INFO);
        jetty.setLevel(Level.WARN);
        ours.setLevel(Level.TRACE);
        try (TestPlane cp = TestPlane.start(Engine.H2)) {
            String viewer = cp.token(Role.VIEWER);
            TestPlane.HostAccess host = cp.newHost();

            cp.get("/v1/hosts", viewer);
            cp.get("/v1/hosts?token=" + viewer, null);
            TestUi ui = TestUi.connect(cp.plane().uiWsUrl(), viewer);
            assertThat(ui.isOpen()).isTrue();
            ui.closeBlocking();
            TestUi.connect(cp.plane().uiWsUrl(), viewer + "broken");
            TestAgent agent = cp.agent(host, "s");
            agent.firstAck();
            agent.closeBlocking();

            assertThat(captured.list).anyMatch(e -> e.getLoggerName().equals("dev.agentcommander.server.access"));
            for (ILoggingEvent event : captured.list) {
                String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                        : event.getThrowableProxy().getMessage());
                assertThat(line).as(event.getLoggerName())
                        .doesNotContain(viewer)
                        .doesNotContain(cp.adminToken())
                        .doesNotContain(host.token());
            }
        } finally {
            root.detachAppender(captured);
            root.setLevel(before);
            ours.setLevel(null);
            jetty.setLevel(null);
        }
    }
}
