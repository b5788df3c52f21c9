package net.metacircular.mcq.cli;

public final class Main {
    public static void main(String[] args) {
    }
}
