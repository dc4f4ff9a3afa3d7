fn main() {
    weak_ties::start();
}
