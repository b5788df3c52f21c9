package net.metacircular.mcq.grpcserver;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;

import java.io.InputStream;

/**
 * Answers a request that is not a valid protobuf message (bad wire format, or
 * invalid UTF-8 in a string field) with INVALID_ARGUMENT and a short message.
 *
 * <p>grpc-java parses a request outside the application's reach: whatever the
 * marshaller throws, even a StatusRuntimeException, ends the call with UNKNOWN
 * and writes a SEVERE stack trace, one per request, without an account. So the
 * marshaller here never throws: a message that does not parse becomes a marker
 * instance of the request type, and the handler refuses the call when it sees
 * it, before any service code runs.
 */
final class MalformedRequests {

    private MalformedRequests() {
    }

    /** The service with every method's request parsing guarded. */
    static ServerServiceDefinition guard(ServerServiceDefinition service) {
        ServiceDescriptor original = service.getServiceDescriptor();
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
                .setSchemaDescriptor(original.getSchemaDescriptor());
        java.util.List<ServerMethodDefinition<?, ?>> methods = new java.util.ArrayList<>();
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            ServerMethodDefinition<?, ?> guarded = guard(method);
            descriptor.addMethod(guarded.getMethodDescriptor());
            methods.add(guarded);
        }
        ServerServiceDefinition.Builder definition = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(definition::addMethod);
        return definition.build();
    }

    private static <Q, R> ServerMethodDefinition<Q, R> guard(ServerMethodDefinition<Q, R> method) {
        MethodDescriptor<Q, R> descriptor = method.getMethodDescriptor();
        if (!(descriptor.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<Q> marshaller)) {
            throw new IllegalArgumentException(descriptor.getFullMethodName() + " has no protobuf request marshaller");
        }
        GuardedMarshaller<Q> guarded = new GuardedMarshaller<>(marshaller);
        return ServerMethodDefinition.create(descriptor.toBuilder().setRequestMarshaller(guarded).build(),
                refusingMalformed(method.getServerCallHandler(), guarded));
    }

    private static <Q, R> ServerCallHandler<Q, R> refusingMalformed(ServerCallHandler<Q, R> handler,
                                                                   GuardedMarshaller<Q> marshaller) {
        return (call, headers) -> new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
                handler.startCall(call, headers)) {
            private boolean refused;

            @Override
            public void onMessage(Q message) {
                if (refused) {
                    return;
                }
                if (message == marshaller.malformed) {
                    refused = true;
                    call.close(Status.INVALID_ARGUMENT.withDescription(marshaller.problem()), new Metadata());
                    return;
                }
                super.onMessage(message);
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    super.onHalfClose();
                }
            }
        };
    }

    /** The method's own marshaller, answering {@link #malformed} instead of throwing. */
    private static final class GuardedMarshaller<Q> implements MethodDescriptor.PrototypeMarshaller<Q> {

        private final MethodDescriptor.PrototypeMarshaller<Q> delegate;
        /** A request instance of its own, told apart by identity from anything parsed. */
        final Q malformed;

        GuardedMarshaller(MethodDescriptor.PrototypeMarshaller<Q> delegate) {
            this.delegate = delegate;
            // A fresh parse of nothing: an empty message, but never the same object as a real request.
            this.malformed = delegate.parse(InputStream.nullInputStream());
            if (malformed == delegate.getMessagePrototype()) {
                throw new IllegalStateException("the marshaller returns its shared default instance for an empty stream");
            }
        }

        String problem() {
            return "the request is not a valid " + typeName() + " message "
                    + "(malformed protobuf, or a string field that is not UTF-8)";
        }

        private String typeName() {
            Q prototype = delegate.getMessagePrototype();
            return prototype instanceof com.google.protobuf.Message m
                    ? m.getDescriptorForType().getFullName() : "protobuf";
        }

        @Override
        public InputStream stream(Q value) {
            return delegate.stream(value);
        }

        @Override
        public Q parse(InputStream stream) {
            try {
                return delegate.parse(stream);
            } catch (RuntimeException e) {
                return malformed;
            }
        }

        @Override
        public Q getMessagePrototype() {
            return delegate.getMessagePrototype();
        }

        @Override
        public Class<Q> getMessageClass() {
            return delegate.getMessageClass();
        }
    }
}
