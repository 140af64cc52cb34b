/**
 * The provider's entry point: {@link dev.partita.provider.PartitaConnectionFactory}, made from a
 * broker URL. The JMS objects it leads to live in {@code connection}, {@code session},
 * {@code producer}, {@code context}, {@code message} and {@code destination}.
 */
package dev.partita.provider;
