package com.contoso.media.messaging;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Starts a pump's concurrent receive loops on daemon threads, so a stopping host never waits on an idle receiver. */
public final class ReceiverThreads {

    private ReceiverThreads() {
    }

    public static ExecutorService start(String name, int concurrency, Runnable receiveLoop) {
        ExecutorService receivers = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < concurrency; i++) {
            receivers.execute(receiveLoop);
        }
        return receivers;
    }
}
