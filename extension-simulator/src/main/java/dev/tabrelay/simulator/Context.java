package dev.tabrelay.simulator;

import okhttp3.OkHttpClient;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/** What every tab of one run shares: settings, the scheduler, the counters, the output, raw sockets' client. */
record Context(Simulator.Settings settings, ScheduledExecutorService scheduler, Stats stats, Output out,
               AtomicLong chatTurns, OkHttpClient http) {
}
