package dev.pulseboard.flink;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flink SQL file split into statements. TableEnvironment.executeSql() takes exactly one
 * statement and Flink has no public splitter, so we split on top-level ';' ourselves, skipping
 * semicolons inside '...' strings, `...` identifiers, "..." and -- / block comments.
 */
final class SqlScript {
  private static final Pattern SET = Pattern.compile("(?is)^SET\\s+'([^']+)'\\s*=\\s*'([^']*)'$");

  /** 'SET key=value' lines (applied to the job's configuration) and everything else, in order. */
  record Parsed(List<String[]> settings, List<String> statements) {}

  static Parsed parse(String sql) {
    List<String[]> settings = new ArrayList<>();
    List<String> statements = new ArrayList<>();
    for (String stmt : split(sql)) {
      Matcher m = SET.matcher(stmt);
      if (m.matches()) settings.add(new String[] {m.group(1), m.group(2)});
      else statements.add(stmt);
    }
    return new Parsed(settings, statements);
  }

  static List<String> split(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean hasCode = false; // a statement made only of comments is dropped
    int n = sql.length();
    for (int i = 0; i < n; i++) {
      char c = sql.charAt(i);
      char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
      if (c == '-' && next == '-') { // line comment: skip to end of line
        while (i < n && sql.charAt(i) != '\n') i++;
        cur.append('\n');
      } else if (c == '/' && next == '*') { // block comment
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 1;
        cur.append(' ');
      } else if (c == '\'' || c == '`' || c == '"') { // quoted: copy through the closing quote ('' escapes)
        int j = i + 1;
        while (j < n) {
          if (sql.charAt(j) == c) {
            if (j + 1 < n && sql.charAt(j + 1) == c) j += 2;
            else break;
          } else j++;
        }
        if (j >= n) throw new IllegalArgumentException("unterminated " + c + "-quoted text starting at offset " + i);
        cur.append(sql, i, j + 1);
        hasCode = true;
        i = j;
      } else if (c == ';') {
        if (hasCode) out.add(cur.toString().trim());
        cur.setLength(0);
        hasCode = false;
      } else {
        cur.append(c);
        if (!Character.isWhitespace(c)) hasCode = true;
      }
    }
    if (hasCode) out.add(cur.toString().trim());
    return out;
  }

  private SqlScript() {}
}
