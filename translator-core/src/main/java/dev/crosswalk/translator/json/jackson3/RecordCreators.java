package dev.crosswalk.translator.json.jackson3;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;

/**
 * Builds the protocol records through one spreading method handle per record type. Jackson 3 calls a record's
 * constructor with {@code MethodHandle.invokeWithArguments}, which makes a new spreader (and looks up its method
 * types) on every call — for every message, part and tool of a request.
 */
final class RecordCreators extends ValueInstantiators.Base {
    @Override
    public ValueInstantiator modifyValueInstantiator(DeserializationConfig config, BeanDescription.Supplier bean,
            ValueInstantiator standard) {
        if (standard.getClass() == StdValueInstantiator.class
                && ((StdValueInstantiator) standard).getWithArgsCreator() instanceof AnnotatedConstructor creator
                && creator.getDeclaringClass().isRecord()
                && creator.getDeclaringClass().getPackageName().startsWith("dev.crosswalk.translator.")) {
            return new Spread((StdValueInstantiator) standard, creator.getAnnotated());
        }
        return standard;
    }

    private static final class Spread extends StdValueInstantiator {
        private final MethodHandle constructor;

        Spread(StdValueInstantiator standard, Constructor<?> constructor) {
            super(standard);
            try {
                this.constructor = MethodHandles.lookup().unreflectConstructor(constructor)
                        .asSpreader(Object[].class, constructor.getParameterCount())
                        .asType(MethodType.methodType(Object.class, Object[].class));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot call the constructor of " + constructor.getDeclaringClass(), e);
            }
        }

        @Override
        public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) throws JacksonException {
            try {
                return (Object) constructor.invokeExact(args);
            } catch (Error e) {
                throw e;
            } catch (Throwable e) { // as Jackson's own: a constructor's exception becomes a mapping problem at its path
                return ctxt.handleInstantiationProblem(_valueClass, args, rewrapCtorProblem(ctxt, e));
            }
        }
    }
}
