console.log("grammar build placeholder")
