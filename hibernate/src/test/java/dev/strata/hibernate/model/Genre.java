package dev.strata.hibernate.model;

/** An application enum in an entity's state: Hibernate caches it as the enum itself. */
public enum Genre {
  NOVEL, ESSAY, POETRY
}
