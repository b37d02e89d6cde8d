package dev.agentcommander.chaos.verify;

/**
 * What a host's stored events say against what was sent: {@code lost} answered hooks not stored, {@code duplicated}
 * extra copies of any hook, {@code outOfOrder} stored hooks whose number is below one stored before them.
 */
public record DeliveryCount(long answered, long inDoubt, long stored, long lost, long duplicated, long outOfOrder) {
    public DeliveryCount plus(DeliveryCount other) {
        return new DeliveryCount(answered + other.answered, inDoubt + other.inDoubt, stored + other.stored,
                lost + other.lost, duplicated + other.duplicated, outOfOrder + other.outOfOrder);
    }

    public static DeliveryCount none() {
        return new DeliveryCount(0, 0, 0, 0, 0, 0);
    }

    public boolean clean() {
        return lost == 0 && duplicated == 0 && outOfOrder == 0;
    }
}
