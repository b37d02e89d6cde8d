package dev.agentcommander.chaos.scenario;

import java.time.Duration;

/**
 * How big a run is: agentd processes, durable events in all, kills per kill scenario, how long the proxy injects faults, and agentd's ack
 * timeout ({@code full} keeps the shipped default of 20 s).
 */
public enum Scale {
    TINY(2, 300, 1, Duration.ofSeconds(4), Duration.ofSeconds(2)),
    SMALL(2, 4_000, 3, Duration.ofSeconds(10), Duration.ofSeconds(5)),
    FULL(10, 100_000, 3, Duration.ofSeconds(60), Duration.ofSeconds(20));

    private final int hosts;
    private final long events;
    private final int kills;
    private final Duration faultWindow;
    private final Duration ackTimeout;

    Scale(int hosts, long events, int kills, Duration faultWindow, Duration ackTimeout) {
        this.hosts = hosts;
        this.events = events;
        this.kills = kills;
        this.faultWindow = faultWindow;
        this.ackTimeout = ackTimeout;
    }

    public int hosts() {
        return hosts;
    }

    public long eventsPerHost() {
        return events / hosts;
    }

    /** How many times a kill scenario kills and restarts (the test suite's tiny run: once). */
    public int kills() {
        return kills;
    }

    public Duration faultWindow() {
        return faultWindow;
    }

    public Duration ackTimeout() {
        return ackTimeout;
    }

    /** How many approvals each part of the approvals scenario opens. */
    public int approvals() {
        return switch (this) {
            case TINY -> 2;
            case SMALL -> 10;
            case FULL -> 50;
        };
    }

    /** How many hostile inputs the abuse scenario sends (100,000 at {@code full}). */
    public int hostileInputs() {
        return switch (this) {
            case TINY -> 600;
            case SMALL -> 5_000;
            case FULL -> 100_000;
        };
    }

    /** How many simulated agent connections the scale scenario opens (500 at {@code full}). */
    public int simulatedAgents() {
        return switch (this) {
            case TINY -> 20;
            case SMALL -> 100;
            case FULL -> 500;
        };
    }

    /** Session rows each simulated agent has. */
    public int sessionsPerAgent() {
        return this == TINY ? 5 : 20;
    }

    /** How long the scale scenario's agents send their steady trickle of events. */
    public Duration trickleWindow() {
        return switch (this) {
            case TINY -> Duration.ofSeconds(5);
            case SMALL -> Duration.ofSeconds(15);
            case FULL -> Duration.ofSeconds(30);
        };
    }
}
