package dev.tabrelay.protocol.ops;

import dev.tabrelay.protocol.Payload;

/** Seed 003: CDP forwarding through the extension, annotation, and the FIFO lease that grants one driver at a time. */
public sealed interface OpsPayload extends Payload
        permits CdpCommand, CdpResult, CdpEvent, AnnotationCommand, AnnotationResponse,
        LeaseAcquire, LeaseGranted, LeaseQueued, LeaseRenew, LeaseRelease, LeaseReleased, LeaseExpired {
}
