use qbank::loader::{self, Sources};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let corpus = loader::load(&Sources { builtin: true, paths: Vec::new() }).unwrap();
    let id: u64 = args[1].parse().unwrap();
    let quality = &args[2];
    let index: usize = args[3].parse().unwrap();
    let q = corpus.get(id).unwrap();
    let file = std::fs::read_to_string(format!("tests/feedback-eval/dev/q{:02}.yaml", id)).unwrap();
    let v: serde_json::Value = serde_saphyr::from_str(&file).unwrap();
    let ans = v["answers"].as_array().unwrap().iter().find(|a| a["quality"] == quality.as_str()).unwrap();
    let text = ans["text"].as_str().unwrap();
    println!("{}", q.look_for[index]);
    print!("{}", qbank::feedback::explain(&q.look_for[index], &q.question, text));
}
