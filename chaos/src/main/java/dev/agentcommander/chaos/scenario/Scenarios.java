package dev.agentcommander.chaos.scenario;

import java.util.function.Supplier;

/** The scenarios by their command-line names, in the order a full run takes them. */
public enum Scenarios {
    SERVER_KILL(ServerKillScenario::new),
    AGENTD_KILL(AgentdKillScenario::new),
    FLAKY_LINK(FlakyLinkScenario::new),
    APPROVALS(ApprovalsScenario::new),
    POSTGRES_RESTART(PostgresRestartScenario::new),
    SCALE(ScaleScenario::new),
    ABUSE(AbuseScenario::new),
    DISK_FULL(DiskFullScenario::new);

    private final Supplier<Scenario> factory;

    Scenarios(Supplier<Scenario> factory) {
        this.factory = factory;
    }

    public Scenario scenario() {
        return factory.get();
    }
}
