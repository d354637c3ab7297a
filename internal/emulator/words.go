package emulator

// Word lists for Fivetran-style "adjective_noun" ids (e.g. "decent_dropsy").
var idAdjectives = []string{
	"able", "absent", "agile", "alert", "amber", "ample", "ancient", "arctic", "atomic", "autumn",
	"awake", "azure", "bold", "brave", "brisk", "bright", "broad", "busy", "calm", "candid",
	"casual", "civic", "clever", "cloudy", "coastal", "cosmic", "cozy", "crisp", "curious", "daily",
	"dapper", "dawn", "decent", "deep", "delicate", "dense", "direct", "distant", "dusty", "eager",
	"early", "easy", "elder", "elegant", "empty", "epic", "equal", "exact", "fair", "famous",
	"fancy", "fast", "fierce", "final", "firm", "fluent", "formal", "fresh", "frosty", "gentle",
	"giant", "glad", "golden", "grand", "green", "happy", "hardy", "hidden", "honest", "humble",
	"icy", "ideal", "inner", "jolly", "keen", "kind", "large", "lively", "local", "lucky",
	"lunar", "magic", "major", "mellow", "merry", "mighty", "minor", "modern", "modest", "narrow",
	"neat", "nimble", "noble", "north", "novel", "odd", "open", "orange", "outer", "patient",
	"plain", "polite", "prime", "proud", "quick", "quiet", "rapid", "rare", "ready", "regal",
	"rich", "rigid", "robust", "rosy", "royal", "rustic", "sacred", "shiny", "silent", "simple",
	"sleek", "smart", "solar", "solid", "sonic", "spare", "steady", "stellar", "still", "sturdy",
	"subtle", "sunny", "superb", "swift", "tender", "tidy", "tiny", "topical", "tranquil", "true",
	"urban", "valid", "vast", "vivid", "warm", "wise", "witty", "young", "zealous", "zesty",
}

var idNouns = []string{
	"acorn", "anchor", "apple", "arrow", "atlas", "badge", "basin", "beacon", "berry", "birch",
	"bison", "blossom", "breeze", "brook", "cabin", "canal", "canyon", "cedar", "cello", "chalk",
	"cliff", "clover", "comet", "coral", "cotton", "crane", "creek", "crystal", "daisy", "delta",
	"desert", "dolphin", "dropsy", "dune", "eagle", "ember", "falcon", "fern", "field", "finch",
	"fjord", "flame", "forest", "fossil", "garden", "geyser", "glacier", "granite", "grove", "harbor",
	"hazel", "heron", "hill", "horizon", "island", "ivy", "jasmine", "jungle", "kernel", "kettle",
	"lagoon", "lantern", "lark", "leaf", "lemon", "lily", "lotus", "maple", "marble", "meadow",
	"meteor", "mist", "moss", "nebula", "needle", "oasis", "ocean", "olive", "orbit", "otter",
	"owl", "panda", "pebble", "pepper", "pine", "planet", "plume", "pond", "prairie", "quartz",
	"rabbit", "raven", "reef", "ridge", "river", "robin", "saddle", "sickle", "sierra", "signal",
	"socket", "sparrow", "spruce", "stone", "summit", "sunset", "thicket", "thunder", "tiger", "timber",
	"topaz", "tulip", "tundra", "valley", "velvet", "violet", "volcano", "walnut", "willow", "zephyr",
}
