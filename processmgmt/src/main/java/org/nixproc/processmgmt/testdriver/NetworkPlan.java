package org.nixproc.processmgmt.testdriver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code nixproc test-network} does (see {@link NetworkTestDriver}): the three models of the
 * first deployment, the tests run on named targets, an optional redeployment with other models,
 * and which extra checks to make.
 */
public final class NetworkPlan {
    /** A shell command run on a target. */
    public record TargetTest(String target, String command) {
    }

    public Path services;
    public Path infrastructure;
    public Path distribution;
    String extraParams;
    final List<TargetTest> tests = new ArrayList<>();
    public Path upgradeServices;
    public Path upgradeDistribution;
    public boolean expectUpgradeFailure;
    final List<TargetTest> testsAfterUpgrade = new ArrayList<>();
    boolean redeployCheck;
    boolean rollbackCheck;
    boolean undeployCheck;

    public NetworkPlan(Path services, Path infrastructure, Path distribution) {
        this.services = services;
        this.infrastructure = infrastructure;
        this.distribution = distribution;
    }

    public NetworkPlan extraParams(String expr) {
        this.extraParams = expr;
        return this;
    }

    public NetworkPlan testOn(String target, String command) {
        tests.add(new TargetTest(target, command));
        return this;
    }

    /** Redeploys with these models (null: the first deployment's). */
    public NetworkPlan upgrade(Path services, Path distribution) {
        this.upgradeServices = services;
        this.upgradeDistribution = distribution;
        return this;
    }

    public NetworkPlan expectUpgradeFailure() {
        this.expectUpgradeFailure = true;
        return this;
    }

    public NetworkPlan testAfterUpgradeOn(String target, String command) {
        testsAfterUpgrade.add(new TargetTest(target, command));
        return this;
    }

    /** After the first deployment, deploys the same models again: nothing may be copied, stopped or started. */
    public NetworkPlan redeployCheck() {
        this.redeployCheck = true;
        return this;
    }

    /** After the upgrade, {@code disnix-env --rollback}, then the first deployment's tests again. */
    public NetworkPlan rollbackCheck() {
        this.rollbackCheck = true;
        return this;
    }

    /** After undeploying, checks that no deployed process runs on any target. */
    public NetworkPlan undeployCheck() {
        this.undeployCheck = true;
        return this;
    }

    public boolean upgrades() {
        return upgradeServices != null || upgradeDistribution != null;
    }
}
