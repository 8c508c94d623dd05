/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.observation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.propagation.TraceContext;
import brave.sampler.Sampler;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;

/**
 * A real Brave tracer with W3C propagation behind Micrometer Tracing's bridge, wired into
 * an {@link ObservationRegistry} the way Spring Boot wires it; finished spans are kept in
 * memory.
 */
final class BraveTestTracing implements AutoCloseable {

	final List<MutableSpan> spans = new CopyOnWriteArrayList<>();

	final Tracing tracing;

	final Tracer tracer;

	final ObservationRegistry registry = ObservationRegistry.create();

	BraveTestTracing() {
		this.tracing = Tracing.newBuilder()
			.currentTraceContext(ThreadLocalCurrentTraceContext.create())
			.propagationFactory(new W3CPropagation())
			.traceId128Bit(true)
			.sampler(Sampler.ALWAYS_SAMPLE)
			.addSpanHandler(new SpanHandler() {
				@Override
				public boolean end(TraceContext context, MutableSpan span, Cause cause) {
					BraveTestTracing.this.spans.add(span);
					return true;
				}
			})
			.build();
		this.tracer = new BraveTracer(this.tracing.tracer(),
				new BraveCurrentTraceContext(this.tracing.currentTraceContext()), new BraveBaggageManager());
		Propagator propagator = new BravePropagator(this.tracing);
		this.registry.observationConfig()
			.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(this.tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(this.tracer, propagator),
					new DefaultTracingObservationHandler(this.tracer)));
	}

	List<MutableSpan> spansOfKind(brave.Span.Kind kind) {
		return this.spans.stream().filter((span) -> span.kind() == kind).toList();
	}

	@Override
	public void close() {
		this.tracing.close();
	}

}
