package dev.gameliftstreams.jdbc.pushdown;

import com.google.common.collect.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;

/**
 * Splits a filter condition, at plan time, into what a scan sends to the source and what Calcite
 * still evaluates. Pushable conjuncts are equalities on a key column: {@code col = 'v'} (either
 * operand order), {@code col IN (...)} (Calcite's SEARCH with points), ORs of such equalities on
 * one column, and {@code col = ?} (bound at execution). A conjunct on a column that is not exact
 * is pushed and also left to Calcite.
 */
public final class FilterAnalyzer {
  /**
   * @param pushed the conjuncts sent to the source
   * @param left   the conjuncts Calcite evaluates: those not pushed, and pushed ones it re-checks
   */
  public record Analysis(List<KeyFilter.Term> pushed, List<RexNode> left) {
  }

  private final IntFunction<KeyColumn> keyOfField;

  /** @param keyOfField the key column a field of the scanned row is, or null */
  public FilterAnalyzer(IntFunction<KeyColumn> keyOfField) {
    this.keyOfField = keyOfField;
  }

  /** @param already the conjuncts the scan pushes already (never pushed twice) */
  public Analysis analyze(RexNode condition, KeyFilter already) {
    List<KeyFilter.Term> pushed = new ArrayList<>();
    List<RexNode> left = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
      String digest = conjunct.toString();
      KeyFilter.Term term = already.pushed(digest) ? null : term(conjunct, digest);
      if (term != null) {
        pushed.add(term);
      }
      if (term == null || !term.column().exact()) {
        left.add(conjunct);
      }
    }
    return new Analysis(pushed, left);
  }

  private KeyFilter.Term term(RexNode node, String digest) {
    switch (node.getKind()) {
      case EQUALS:
        return equality((RexCall) node, digest);
      case SEARCH:
        return search((RexCall) node, digest);
      case OR:
        return disjunction(node, digest);
      default:
        return null;
    }
  }

  private KeyFilter.Term equality(RexCall call, String digest) {
    for (int side = 0; side < 2; side++) {
      KeyColumn column = column(call.getOperands().get(side));
      RexNode other = stripCharCast(call.getOperands().get(1 - side));
      if (column == null) {
        continue;
      }
      if (other instanceof RexLiteral) {
        return new KeyFilter.Term(column, List.of(Operand.literal(((RexLiteral) other).getValueAs(String.class))),
            digest);
      }
      if (other instanceof RexDynamicParam) {
        return new KeyFilter.Term(column, List.of(Operand.param(((RexDynamicParam) other).getIndex())), digest);
      }
      return null;
    }
    return null;
  }

  private KeyFilter.Term search(RexCall call, String digest) {
    KeyColumn column = column(call.getOperands().get(0));
    RexNode arg = call.getOperands().get(1);
    if (column == null || !(arg instanceof RexLiteral)) {
      return null;
    }
    Sarg<?> sarg = ((RexLiteral) arg).getValueAs(Sarg.class);
    // Only a plain IN list: no ranges, no NOT IN, no "OR col IS NULL".
    if (sarg == null || !sarg.isPoints() || sarg.nullAs == RexUnknownAs.TRUE) {
      return null;
    }
    List<Operand> values = new ArrayList<>();
    for (Range<?> range : sarg.rangeSet.asRanges()) {
      Object point = range.lowerEndpoint();
      if (!(point instanceof NlsString)) {
        return null;
      }
      values.add(Operand.literal(((NlsString) point).getValue()));
    }
    return new KeyFilter.Term(column, values, digest);
  }

  private KeyFilter.Term disjunction(RexNode node, String digest) {
    KeyColumn column = null;
    List<Operand> values = new ArrayList<>();
    for (RexNode d : RelOptUtil.disjunctions(node)) {
      KeyFilter.Term t = term(d, digest);
      if (t == null || (column != null && !column.equals(t.column()))) {
        return null;
      }
      column = t.column();
      values.addAll(t.values());
    }
    return column == null ? null : new KeyFilter.Term(column, values, digest);
  }

  private KeyColumn column(RexNode node) {
    RexNode stripped = stripCharCast(node);
    return stripped instanceof RexInputRef ? keyOfField.apply(((RexInputRef) stripped).getIndex()) : null;
  }

  /**
   * A widening cast of a string to VARCHAR does not change which strings are equal; any other
   * cast (to a number, to CHAR with padding, to a shorter VARCHAR) may, so it stops the match.
   */
  private static RexNode stripCharCast(RexNode node) {
    while (node.getKind() == SqlKind.CAST) {
      RexNode operand = ((RexCall) node).getOperands().get(0);
      RelDataType to = node.getType();
      int from = operand.getType().getPrecision();
      boolean widening = to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
          || (from != RelDataType.PRECISION_NOT_SPECIFIED && to.getPrecision() >= from);
      if (to.getSqlTypeName() != SqlTypeName.VARCHAR || !SqlTypeUtil.inCharFamily(operand.getType())
          || !widening) {
        break;
      }
      node = operand;
    }
    return node;
  }
}
