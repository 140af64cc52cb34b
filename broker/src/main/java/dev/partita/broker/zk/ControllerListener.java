package dev.partita.broker.zk;

/**
 * Told when this broker becomes or stops being the controller. Called on the election's thread:
 * hand long work to another thread.
 */
public interface ControllerListener {

    /** This broker won the election and bumped the controller epoch; {@code fence} goes with every write. */
    void onElected(ControllerEpochFence fence);

    /** This broker is no longer the controller (session lost, closed, or fenced by a newer one). */
    void onResigned();
}
