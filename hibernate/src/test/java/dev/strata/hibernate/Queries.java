package dev.strata.hibernate;

import dev.strata.hibernate.model.Book;
import java.util.List;

/** The cacheable queries both JVMs of the tests run, written once so that both run the same SQL. */
final class Queries {

  private Queries() {
  }

  /** @return the titles of an author's books, in id order, through the query cache */
  static List<String> titlesBy(Orm orm, Long authorId) {
    return orm.read(s -> s.createQuery("select b.title from Book b where b.author.id = :author order by b.id", String.class)
        .setParameter("author", authorId)
        .setCacheable(true)
        .getResultList());
  }
}
