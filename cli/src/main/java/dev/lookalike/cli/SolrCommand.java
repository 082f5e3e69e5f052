package dev.lookalike.cli;

import picocli.CommandLine.Command;

/** {@code solr ...}: SolrCloud as the distributed search backend. */
@Command(
        name = "solr",
        mixinStandardHelpOptions = true,
        description = {
            "SolrCloud as the search backend for collections that outgrow one machine.",
            "'solr push' uploads an index; 'search --solr ... --collection ...' searches it."
        },
        subcommands = {SolrPushCommand.class})
final class SolrCommand {}
