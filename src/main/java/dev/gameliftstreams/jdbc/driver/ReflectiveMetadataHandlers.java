package dev.gameliftstreams.jdbc.driver;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.CyclicMetadataException;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.DelegatingMetadataRel;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.MetadataHandlerProvider;
import org.apache.calcite.rel.metadata.NullSentinel;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * Metadata handlers that do what the ones JaninoRelMetadataProvider generates do (per query: a cache
 * in {@link RelMetadataQuery#map}, cycle detection, delegating rels followed; dispatch to the handler
 * method of the most specific RelNode class), by reflection. Janino compiles its handlers in each new
 * JVM, about a third of a second before the first query can be planned.
 */
final class ReflectiveMetadataHandlers implements MetadataHandlerProvider {
  static final ReflectiveMetadataHandlers DEFAULT = new ReflectiveMetadataHandlers(DefaultRelMetadataProvider.INSTANCE);

  private final RelMetadataProvider provider;
  private final Map<Class<?>, Object> handlers = new ConcurrentHashMap<>();

  ReflectiveMetadataHandlers(RelMetadataProvider provider) {
    this.provider = provider;
  }

  @Override
  public <H extends MetadataHandler<?>> H handler(Class<H> handlerClass) {
    return handlerClass.cast(handlers.computeIfAbsent(handlerClass, c -> Proxy.newProxyInstance(
        handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
        new Dispatch(provider.handlers(handlerClass)))));
  }

  /** One handler interface's methods, each dispatched on its first argument's class. */
  private static final class Dispatch implements InvocationHandler {
    private final List<MetadataHandler<?>> implementations;
    private final Map<Method, ClassValue<Target>> targets = new ConcurrentHashMap<>();

    Dispatch(List<MetadataHandler<?>> implementations) {
      this.implementations = implementations;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> "ReflectiveMetadataHandler" + implementations;
        };
      }
      if (method.getName().equals("getDef")) {
        return implementations.isEmpty() ? null : implementations.get(0).getDef();
      }
      RelNode rel = (RelNode) args[0];
      while (rel instanceof DelegatingMetadataRel delegating) {
        rel = delegating.getMetadataDelegateRel();
      }
      RelMetadataQuery mq = (RelMetadataQuery) args[1];
      Object key = key(method, args);
      Object cached = mq.map.get(rel, key);
      if (cached != null) {
        if (cached == NullSentinel.ACTIVE) {
          throw new CyclicMetadataException();
        }
        return cached == NullSentinel.INSTANCE ? null : cached;
      }
      mq.map.put(rel, key, NullSentinel.ACTIVE);
      try {
        Target target = targets.computeIfAbsent(method, this::targets).get(rel.getClass());
        Object[] targetArgs = args.clone();
        targetArgs[0] = rel;
        Object result = target.method.invoke(target.handler, targetArgs);
        mq.map.put(rel, key, NullSentinel.mask(result));
        return result;
      } catch (InvocationTargetException e) {
        mq.map.row(rel).clear();
        throw e.getCause();
      } catch (RuntimeException e) {
        mq.map.row(rel).clear();
        throw e;
      }
    }

    /** The method and its arguments after the RelNode and the query (those are the row of the cache). */
    private static Object key(Method method, Object[] args) {
      if (args.length == 2) {
        return method;
      }
      Object[] key = Arrays.copyOfRange(args, 1, args.length);
      key[0] = method;
      for (int i = 1; i < key.length; i++) {
        key[i] = NullSentinel.mask(key[i]);
      }
      return Arrays.asList(key);
    }

    /**
     * For each RelNode class, the implementation of the handler method for its most specific class that
     * some implementation declares; as in Janino's dispatch, subclasses first, then by name, and among
     * implementations declaring the same class, the first.
     */
    private ClassValue<Target> targets(Method method) {
      List<Target> candidates = new ArrayList<>();
      for (MetadataHandler<?> implementation : implementations) {
        for (Method m : implementation.getClass().getMethods()) {
          if (implements_(method, m) && candidates.stream().noneMatch(t -> t.relClass == m.getParameterTypes()[0])) {
            candidates.add(new Target(implementation, m));
          }
        }
      }
      List<Target> ordered = topologicalOrder(candidates);
      return new ClassValue<>() {
        @Override
        protected Target computeValue(Class<?> relClass) {
          for (Target t : ordered) {
            if (t.relClass.isAssignableFrom(relClass)) {
              return t;
            }
          }
          throw new IllegalArgumentException("No handler for method [" + method
              + "] applied to argument of type [" + relClass + "]; we recommend you create a catch-all (RelNode) handler");
        }
      };
    }

    private static boolean implements_(Method handlerMethod, Method candidate) {
      Class<?>[] expected = handlerMethod.getParameterTypes();
      Class<?>[] actual = candidate.getParameterTypes();
      if (!candidate.getName().equals(handlerMethod.getName()) || actual.length != expected.length
          || !RelNode.class.isAssignableFrom(actual[0]) || actual[1] != RelMetadataQuery.class) {
        return false;
      }
      for (int i = 2; i < actual.length; i++) {
        if (actual[i] != expected[i]) {
          return false;
        }
      }
      return true;
    }

    /** Janino's DispatchGenerator order: by class name, each class after all its subclasses. */
    private static List<Target> topologicalOrder(List<Target> targets) {
      ArrayDeque<Target> queue = new ArrayDeque<>();
      targets.stream().sorted(Comparator.comparing(t -> t.relClass.getName())).forEach(queue::add);
      List<Target> ordered = new ArrayList<>();
      while (!queue.isEmpty()) {
        Target t = queue.remove();
        if (queue.stream().anyMatch(other -> t.relClass.isAssignableFrom(other.relClass))) {
          queue.add(t);
        } else {
          ordered.add(t);
        }
      }
      return ordered;
    }
  }

  /** A handler method for one RelNode class and the implementation that declares it. */
  private static final class Target {
    final Object handler;
    final Method method;
    final Class<?> relClass;

    Target(Object handler, Method method) {
      this.handler = handler;
      this.method = method;
      this.relClass = method.getParameterTypes()[0];
      method.setAccessible(true);
    }
  }
}
